import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { register, useAuthOptions } from '../../api/account';
import { safeNext, signIn } from '../../app/auth';
import { usePageTitle } from '../../app/usePageTitle';
import { fieldError, TextField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';

/** Self-registration, when the installation allows it; otherwise people join by invitation. */
export default function RegisterPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('register.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const options = useAuthOptions();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await register({ email, displayName, password });
      await signIn({ email, password });
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  if (options.isPending) return <Loading />;
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1>{t('register.title')}</h1>
        {options.data?.allowSignup === false ? (
          <div className="callout note">
            <div className="callout-title">{t('register.closedTitle')}</div>
            <p>{t('register.closed')}</p>
          </div>
        ) : (
          <>
            <p>{t('register.intro')}</p>
            <ProblemAlert error={error} />
            <form onSubmit={(event) => void submit(event)} noValidate>
              <TextField
                id="register-email"
                label={t('register.email')}
                type="email"
                autoComplete="email"
                required
                value={email}
                error={fieldError(error, 'email')}
                onChange={(event) => setEmail(event.target.value)}
              />
              <TextField
                id="register-name"
                label={t('register.displayName')}
                hint={t('register.displayNameHint')}
                autoComplete="name"
                required
                value={displayName}
                error={fieldError(error, 'displayName')}
                onChange={(event) => setDisplayName(event.target.value)}
              />
              <TextField
                id="register-password"
                label={t('register.password')}
                hint={t('passwordHint')}
                type="password"
                autoComplete="new-password"
                required
                value={password}
                error={fieldError(error, 'password')}
                onChange={(event) => setPassword(event.target.value)}
              />
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t('register.submit')}
              </button>
            </form>
          </>
        )}
        <p className="mt-4">
          <Link to="/sign-in">{t('register.signIn')}</Link>
        </p>
      </div>
    </div>
  );
}
