import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useCompleteSetup, useSetupCheck } from '../../api/setup';
import { NotFoundPage } from '../../app/NotFoundPage';
import { usePageTitle } from '../../app/usePageTitle';
import { fieldError, TextField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';

/**
 * First run: `/setup#<token>` from the start-up log. Without a usable token there is no such
 * page (the server answers 404 and so does this screen).
 */
export default function SetupPage() {
  const token = useLocation().hash.slice(1) || undefined;
  const check = useSetupCheck(token);
  if (!token) return <NotFoundPage />;
  if (check.isPending) return <Loading />;
  if (check.error) return <NotFoundPage />;
  return <SetupForm key={token} token={token} />;
}

function SetupForm({ token }: { token: string }) {
  const { t } = useTranslation(['setup', 'auth']);
  usePageTitle(t('title'));
  const complete = useCompleteSetup();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    complete.mutate(
      { token, email, displayName, password },
      {
        onSuccess: () => {
          history.replaceState(null, '', '/');
          void navigate('/', { replace: true });
        },
      },
    );
  }

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1>{t('title')}</h1>
        <p>{t('intro')}</p>
        <ProblemAlert error={complete.error} />
        <form onSubmit={submit} noValidate>
          <TextField
            id="setup-email"
            label={t('auth:register.email')}
            type="email"
            autoComplete="email"
            required
            value={email}
            error={fieldError(complete.error, 'email')}
            onChange={(event) => setEmail(event.target.value)}
          />
          <TextField
            id="setup-name"
            label={t('auth:register.displayName')}
            hint={t('nameHint')}
            autoComplete="name"
            required
            value={displayName}
            error={fieldError(complete.error, 'displayName')}
            onChange={(event) => setDisplayName(event.target.value)}
          />
          <TextField
            id="setup-password"
            label={t('auth:register.password')}
            hint={t('auth:passwordHint')}
            type="password"
            autoComplete="new-password"
            required
            value={password}
            error={fieldError(complete.error, 'password')}
            onChange={(event) => setPassword(event.target.value)}
          />
          <TextField
            id="setup-repeat"
            label={t('repeat')}
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            error={mismatch ? t('mismatch') : undefined}
            onChange={(event) => setRepeat(event.target.value)}
          />
          <button type="submit" className="btn btn-primary" disabled={complete.isPending}>
            {t('submit')}
          </button>
        </form>
      </div>
    </div>
  );
}
