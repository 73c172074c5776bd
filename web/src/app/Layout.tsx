import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useMatch, useNavigate } from 'react-router';
import { useMe } from '../api/me';
import { useTeam } from '../api/teams';
import { mergeTerms } from '../i18n/vocabulary';
import { NotificationsBell } from '../features/notifications/NotificationsBell';
import { ConnectionState } from '../ui/ConnectionState';
import { Icon } from '../ui/Icon';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { signOut, useSession } from './auth';

/** Bootstrap Italia's header (slim bar, brand, navigation), skip link, main and footer. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const state = useSession();
  const signedIn = state === 'signed-in';
  const me = useMe(signedIn);
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  // Inside a team's pages the menu also leads to the team's ceremony rooms.
  const teamId = useMatch('/teams/:teamId/*')?.params.teamId;
  const team = useTeam(signedIn ? teamId : undefined);
  const terms = mergeTerms(i18n.language, team.data?.vocabulary);

  return (
    <>
      <div className="skiplinks">
        <a className="visually-hidden-focusable" href="#main">
          {t('skipToContent')}
        </a>
      </div>
      <header className="it-header-wrapper">
        <div className="it-header-slim-wrapper">
          <div className="container">
            <div className="row">
              <div className="col-12">
                <div className="it-header-slim-wrapper-content">
                  <span className="navbar-brand">{t('app.tagline')}</span>
                  <div className="it-header-slim-right-zone gap-3">
                    {signedIn ? <ConnectionState /> : null}
                    {signedIn ? <NotificationsBell /> : null}
                    <LanguageSwitch />
                    {signedIn ? (
                      <button
                        type="button"
                        className="btn btn-sm btn-outline-light"
                        onClick={() => {
                          void signOut().then(() => navigate('/sign-in'));
                        }}
                      >
                        {t('signOut')}
                      </button>
                    ) : null}
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
        <div className="it-nav-wrapper">
          <div className="it-header-center-wrapper">
            <div className="container">
              <div className="row">
                <div className="col-12">
                  <div className="it-header-center-content-wrapper">
                    <div className="it-brand-wrapper">
                      <Link to="/">
                        <Icon name="it-pa" className="icon-white" />
                        <div className="it-brand-text">
                          <div className="it-brand-title">ritmo</div>
                          <div className="it-brand-tagline d-none d-md-block">
                            {t('app.description')}
                          </div>
                        </div>
                      </Link>
                    </div>
                    {signedIn && me.data ? (
                      <div className="it-right-zone">
                        <span className="text-white" data-testid="signed-in-as">
                          {me.data.displayName}
                        </span>
                      </div>
                    ) : null}
                  </div>
                </div>
              </div>
            </div>
          </div>
          {signedIn ? (
            <div className="it-header-navbar-wrapper">
              <div className="container">
                <div className="row">
                  <div className="col-12">
                    <nav className="navbar navbar-expand-lg" aria-label={t('nav.label')}>
                      <button
                        className="custom-navbar-toggler"
                        type="button"
                        aria-controls="main-nav"
                        aria-expanded={menuOpen}
                        aria-label={t('nav.toggle')}
                        onClick={() => setMenuOpen((open) => !open)}
                      >
                        <Icon name="it-burger" />
                      </button>
                      <div
                        className={`navbar-collapsable ${menuOpen ? 'expanded ritmo-menu-open' : ''}`}
                        id="main-nav"
                      >
                        <div className="menu-wrapper">
                          <ul className="navbar-nav">
                            <li className="nav-item">
                              <NavLink className="nav-link" to="/" end>
                                <span>{t('nav.home')}</span>
                              </NavLink>
                            </li>
                            {teamId ? (
                              <li className="nav-item">
                                <NavLink className="nav-link" to={`/teams/${teamId}/poker`}>
                                  <span>{t('nav.poker')}</span>
                                </NavLink>
                              </li>
                            ) : null}
                            {teamId ? (
                              <li className="nav-item">
                                <NavLink className="nav-link" to={`/teams/${teamId}/daily`}>
                                  <span>{terms.dailyScrum}</span>
                                </NavLink>
                              </li>
                            ) : null}
                            {teamId && team.data?.process !== 'kanban' ? (
                              <li className="nav-item">
                                <NavLink className="nav-link" to={`/teams/${teamId}/review`}>
                                  <span>{terms.sprintReview}</span>
                                </NavLink>
                              </li>
                            ) : null}
                            {teamId ? (
                              <li className="nav-item">
                                <NavLink className="nav-link" to={`/teams/${teamId}/retro`}>
                                  <span>{terms.retrospective}</span>
                                </NavLink>
                              </li>
                            ) : null}
                            <li className="nav-item">
                              <NavLink className="nav-link" to="/settings">
                                <span>{t('nav.personal')}</span>
                              </NavLink>
                            </li>
                          </ul>
                        </div>
                      </div>
                    </nav>
                  </div>
                </div>
              </div>
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container my-4">
        <Outlet />
      </main>
      <footer className="it-footer">
        <div className="it-footer-small-prints clearfix">
          <div className="container">
            <p className="text-white py-3 mb-0">{t('app.footer')}</p>
          </div>
        </div>
      </footer>
    </>
  );
}
