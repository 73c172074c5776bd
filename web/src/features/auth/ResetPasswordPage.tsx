import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isProblem } from '../../api/problem';
import { useConfirmPasswordReset } from '../../api/password-reset';
import { usePageTitle } from '../../app/usePageTitle';
import { fieldError, TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useFragmentToken } from './useFragmentToken';

const TOKEN_KEY = 'ritmo.resetToken';

export default function ResetPasswordPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('reset.title'));
  const token = useFragmentToken(TOKEN_KEY);
  const confirm = useConfirmPasswordReset();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');

  useEffect(() => {
    if (!confirm.data) return;
    sessionStorage.removeItem(TOKEN_KEY);
    void navigate('/?passwordReset=1', { replace: true });
  }, [confirm.data, navigate]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (token) confirm.mutate({ token, password });
  }

  const spent = isProblem(confirm.error, 410);
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1>{t('reset.title')}</h1>
        {!token ? (
          <p>{t('reset.noToken')}</p>
        ) : spent ? (
          <div className="alert alert-warning" role="alert">
            <h2 className="h5 alert-heading">{t('reset.spentTitle')}</h2>
            <p>{t('reset.spent')}</p>
            <Link to="/forgot-password" className="btn btn-outline-primary">
              {t('reset.askAgain')}
            </Link>
          </div>
        ) : (
          <>
            <p>{t('reset.intro')}</p>
            <ProblemAlert
              error={fieldError(confirm.error, 'password') ? undefined : confirm.error}
            />
            <form onSubmit={submit} noValidate>
              <TextField
                id="reset-password"
                label={t('reset.password')}
                hint={t('passwordHint')}
                type="password"
                autoComplete="new-password"
                required
                value={password}
                error={fieldError(confirm.error, 'password')}
                onChange={(event) => setPassword(event.target.value)}
              />
              <button type="submit" className="btn btn-primary" disabled={confirm.isPending}>
                {t('reset.submit')}
              </button>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
