import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useRequestPasswordReset } from '../../api/password-reset';
import { usePageTitle } from '../../app/usePageTitle';
import { fieldError, TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';

/**
 * "Password dimenticata?": asks for the address and then says the same thing whatever the
 * server found, because the server answers the same (nobody learns who has an account).
 */
export default function ForgotPasswordPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('forgot.title'));
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const request = useRequestPasswordReset();

  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate(email.trim());
  }

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1>{t('forgot.title')}</h1>
        {request.isSuccess ? (
          <div className="callout success" role="status" data-testid="reset-requested">
            <div className="callout-title">{t('forgot.sentTitle')}</div>
            <p>{t('forgot.sent', { email: request.variables })}</p>
            <p className="mb-0">{t('forgot.sentHint')}</p>
          </div>
        ) : (
          <>
            <p>{t('forgot.intro')}</p>
            <ProblemAlert error={fieldError(request.error, 'email') ? undefined : request.error} />
            <form onSubmit={submit} noValidate>
              <TextField
                id="forgot-email"
                label={t('forgot.email')}
                type="email"
                autoComplete="username"
                required
                value={email}
                error={fieldError(request.error, 'email')}
                onChange={(event) => setEmail(event.target.value)}
              />
              <button type="submit" className="btn btn-primary" disabled={request.isPending}>
                {t('forgot.submit')}
              </button>
            </form>
          </>
        )}
        <p className="mt-4">
          <Link to="/sign-in">{t('forgot.back')}</Link>
        </p>
      </div>
    </div>
  );
}
