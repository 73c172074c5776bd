import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useApiTokens,
  useChangePassword,
  useCreateApiToken,
  useRevokeApiToken,
  type ApiToken,
} from '../../api/account';
import { useMe, useUpdateMe } from '../../api/me';
import { usePageTitle } from '../../app/usePageTitle';
import { changeLanguage, LANGUAGES, type Language } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { CopyField } from '../../ui/CopyField';
import { fieldError, TextField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { NotificationsSection } from './NotificationsSection';

const NAMES: Record<Language, string> = { it: 'Italiano', en: 'English' };

function LanguageSection() {
  const { t, i18n } = useTranslation('settings');
  const save = useUpdateMe();
  return (
    <section aria-labelledby="language-title" className="mb-5">
      <h2 id="language-title" className="h3">
        {t('personal.language')}
      </h2>
      <ProblemAlert error={save.error} />
      <fieldset>
        <legend className="visually-hidden">{t('personal.language')}</legend>
        {LANGUAGES.map((lang) => (
          <div className="form-check" key={lang}>
            <input
              className="form-check-input"
              type="radio"
              name="language"
              id={`language-${lang}`}
              checked={i18n.language === lang}
              onChange={() => {
                void changeLanguage(lang);
                save.mutate({ locale: lang });
              }}
            />
            <label className="form-check-label" htmlFor={`language-${lang}`} lang={lang}>
              {NAMES[lang]}
            </label>
          </div>
        ))}
      </fieldset>
    </section>
  );
}

function PasswordSection() {
  const { t } = useTranslation(['settings', 'auth']);
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
        },
      },
    );
  }
  return (
    <section aria-labelledby="password-title" className="mb-5">
      <h2 id="password-title" className="h3">
        {t('personal.password')}
      </h2>
      <p>{t('personal.passwordIntro')}</p>
      <ProblemAlert error={change.error} />
      {change.isSuccess ? (
        <div className="alert alert-success" role="status">
          {t('personal.passwordChanged')}
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <TextField
          id="current-password"
          label={t('personal.currentPassword')}
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <TextField
          id="new-password"
          label={t('personal.newPassword')}
          hint={t('auth:passwordHint')}
          type="password"
          autoComplete="new-password"
          required
          value={newPassword}
          error={fieldError(change.error, 'newPassword')}
          onChange={(event) => setNew(event.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={change.isPending}>
          {t('personal.changePassword')}
        </button>
      </form>
    </section>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const { t, i18n } = useTranslation('settings');
  const revoke = useRevokeApiToken();
  return (
    <tr>
      <th scope="row">{token.name}</th>
      <td>
        <code>{token.prefix}…</code>
      </td>
      <td>{token.scopes.map((scope) => t(`tokens.scope.${scope}`)).join(', ')}</td>
      <td>{token.expiresAt ? formatDate(token.expiresAt, i18n.language) : t('tokens.never')}</td>
      <td>{token.lastUsedAt ? formatDate(token.lastUsedAt, i18n.language) : t('tokens.unused')}</td>
      <td>
        <button
          type="button"
          className="btn btn-sm btn-outline-danger"
          disabled={revoke.isPending}
          onClick={() => revoke.mutate(token.id)}
        >
          {t('tokens.revoke', { name: token.name })}
        </button>
      </td>
    </tr>
  );
}

function TokensSection() {
  const { t } = useTranslation('settings');
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  const [write, setWrite] = useState(false);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { name, scopes: write ? ['read', 'write'] : ['read'] },
      { onSuccess: () => setName('') },
    );
  }
  return (
    <section aria-labelledby="tokens-title" className="mb-5">
      <h2 id="tokens-title" className="h3">
        {t('tokens.title')}
      </h2>
      <p>{t('tokens.intro')}</p>
      <ProblemAlert error={create.error ?? tokens.error} />
      <form onSubmit={submit} noValidate className="mb-4">
        <TextField
          id="token-name"
          label={t('tokens.name')}
          hint={t('tokens.nameHint')}
          required
          value={name}
          error={fieldError(create.error, 'name')}
          onChange={(event) => setName(event.target.value)}
        />
        <div className="form-check mb-3">
          <input
            className="form-check-input"
            type="checkbox"
            id="token-write"
            checked={write}
            onChange={(event) => setWrite(event.target.checked)}
          />
          <label className="form-check-label" htmlFor="token-write">
            {t('tokens.write')}
          </label>
        </div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('tokens.create')}
        </button>
      </form>
      {create.data ? (
        <div className="callout success" data-testid="token-created">
          <div className="callout-title">{t('tokens.createdTitle')}</div>
          <p>{t('tokens.created')}</p>
          <CopyField label={t('tokens.secret')} value={create.data.token} testId="token-secret" />
        </div>
      ) : null}
      {tokens.isPending ? (
        <Loading />
      ) : tokens.data?.length ? (
        <div className="table-responsive">
          <table className="table" data-testid="tokens">
            <caption className="visually-hidden">{t('tokens.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('tokens.prefix')}</th>
                <th scope="col">{t('tokens.scopes')}</th>
                <th scope="col">{t('tokens.expires')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">{t('tokens.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <TokenRow key={token.id} token={token} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('tokens.none')}</p>
      )}
    </section>
  );
}

export default function PersonalSettingsPage() {
  const { t } = useTranslation('settings');
  usePageTitle(t('personal.title'));
  const me = useMe();
  return (
    <>
      <h1>{t('personal.title')}</h1>
      {me.data ? (
        <p>{t('personal.account', { name: me.data.displayName, email: me.data.email })}</p>
      ) : null}
      <LanguageSection />
      <NotificationsSection />
      <PasswordSection />
      <TokensSection />
    </>
  );
}
