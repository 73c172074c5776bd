import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  useAcceptInvitation,
  useInvitationPreview,
  type InvitationPreview,
} from '../../api/invitations';
import { useMe } from '../../api/me';
import { isProblem } from '../../api/problem';
import { signOut, useSession } from '../../app/auth';
import { usePageTitle } from '../../app/usePageTitle';
import { formatDate } from '../../i18n/format';
import { fieldError, TextField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useFragmentToken } from './useFragmentToken';

const TOKEN_KEY = 'ritmo.joinToken';

export default function JoinPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('join.title'));
  const token = useFragmentToken(TOKEN_KEY);
  const preview = useInvitationPreview(token);

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-10 col-lg-7">
        <h1>{t('join.title')}</h1>
        {!token ? (
          <p>{t('join.noToken')}</p>
        ) : preview.isPending ? (
          <Loading />
        ) : preview.error ? (
          <div className="alert alert-warning" role="alert">
            <h2 className="h5 alert-heading">
              {isProblem(preview.error, 410) ? t('join.usedTitle') : t('join.invalidTitle')}
            </h2>
            <p className="mb-0">
              {isProblem(preview.error, 410) ? t('join.used') : t('join.invalid')}
            </p>
          </div>
        ) : (
          <Invitation token={token} preview={preview.data} />
        )}
      </div>
    </div>
  );
}

function Invitation({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t, i18n } = useTranslation(['auth', 'common']);
  const state = useSession();
  const signedIn = state === 'signed-in';
  const me = useMe(signedIn);
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');

  useEffect(() => {
    if (!accept.data) return;
    sessionStorage.removeItem(TOKEN_KEY);
    void navigate(`/teams/${accept.data.teamId}/backlog`, { replace: true });
  }, [accept.data, navigate]);

  function submit(event: FormEvent) {
    event.preventDefault();
    accept.mutate(signedIn ? { token } : { token, displayName, password });
  }

  const role = t(`common:roles.${preview.role}`);
  return (
    <>
      <div className="callout" data-testid="invitation-preview">
        <div className="callout-title">{t('join.whoTitle')}</div>
        <p>
          {t(preview.inviterName ? 'join.who' : 'join.whoAnonymous', {
            inviter: preview.inviterName,
            team: preview.teamName,
            workspace: preview.workspaceName,
            role,
          })}
        </p>
        <p className="mb-0">
          {t('join.forEmail', { email: preview.email })}{' '}
          {t('join.expires', { date: formatDate(preview.expiresAt, i18n.language) })}
        </p>
      </div>
      <ProblemAlert error={accept.error} />
      {signedIn ? (
        me.isPending ? (
          <Loading />
        ) : me.data?.email === preview.email ? (
          <form onSubmit={submit}>
            <p>{t('join.signedInAs', { name: me.data.displayName })}</p>
            <button type="submit" className="btn btn-primary" disabled={accept.isPending}>
              {t('join.accept', { team: preview.teamName })}
            </button>
          </form>
        ) : (
          <div className="alert alert-warning" role="alert">
            <p>{t('join.otherAccount', { email: me.data?.email, invited: preview.email })}</p>
            <button
              type="button"
              className="btn btn-outline-primary"
              onClick={() => void signOut()}
            >
              {t('join.signOutFirst')}
            </button>
          </div>
        )
      ) : preview.accountExists ? (
        <p>
          <Link className="btn btn-primary" to="/sign-in?next=%2Fjoin">
            {t('join.signInToAccept')}
          </Link>
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <h2 className="h4">{t('join.newAccount')}</h2>
          <TextField id="join-email" label={t('register.email')} value={preview.email} readOnly />
          <TextField
            id="join-name"
            label={t('register.displayName')}
            hint={t('register.displayNameHint')}
            autoComplete="name"
            required
            value={displayName}
            error={fieldError(accept.error, 'displayName')}
            onChange={(event) => setDisplayName(event.target.value)}
          />
          <TextField
            id="join-password"
            label={t('register.password')}
            hint={t('passwordHint')}
            type="password"
            autoComplete="new-password"
            required
            value={password}
            error={fieldError(accept.error, 'password')}
            onChange={(event) => setPassword(event.target.value)}
          />
          <button type="submit" className="btn btn-primary" disabled={accept.isPending}>
            {t('join.createAndAccept')}
          </button>
        </form>
      )}
    </>
  );
}
