import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuthOptions } from '../../api/account';
import { safeNext, signIn } from '../../app/auth';
import { usePageTitle } from '../../app/usePageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';

export default function SignInPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('signIn.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const options = useAuthOptions();
  const next = params.get('next');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn({ email, password });
      await navigate(safeNext(next), { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1>{t('signIn.title')}</h1>
        {params.get('expired') ? (
          <div className="alert alert-warning" role="alert">
            {t('signIn.expired')}
          </div>
        ) : null}
        <p>{t('signIn.intro')}</p>
        <ProblemAlert error={error} />
        <form onSubmit={(event) => void submit(event)} noValidate>
          <div className="form-group">
            <label htmlFor="email" className="active">
              {t('signIn.email')}
            </label>
            <input
              id="email"
              type="email"
              className="form-control"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="form-group">
            <label htmlFor="password" className="active">
              {t('signIn.password')}
            </label>
            <input
              id="password"
              type="password"
              className="form-control"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('signIn.submit')}
          </button>
        </form>
        <p className="mt-4">
          <Link to={`/forgot-password${email ? `?email=${encodeURIComponent(email)}` : ''}`}>
            {t('signIn.forgot')}
          </Link>
        </p>
        {options.data?.allowSignup ? (
          <p>
            <Link to={`/register${next ? `?next=${encodeURIComponent(next)}` : ''}`}>
              {t('signIn.register')}
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
