import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useUnsubscribe } from '../../api/notifications';
import { usePageTitle } from '../../app/usePageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';

/**
 * Where the "stop emails of this kind" link of an email leads, signed in or not: it asks
 * first, since mail scanners open links (the one-click POST of mail clients needs no page).
 */
export default function UnsubscribePage() {
  const { t } = useTranslation('notifications');
  usePageTitle(t('unsubscribe.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const unsubscribe = useUnsubscribe();
  return (
    <>
      <h1>{t('unsubscribe.title')}</h1>
      {token === '' ? <p>{t('unsubscribe.missing')}</p> : null}
      <ProblemAlert error={unsubscribe.error} />
      {unsubscribe.isSuccess ? (
        <p role="status">
          {unsubscribe.data.kind === 'digest' ? t('unsubscribe.doneDigest') : t('unsubscribe.done')}
        </p>
      ) : token !== '' ? (
        <>
          <p>{t('unsubscribe.intro')}</p>
          <button
            type="button"
            className="btn btn-primary"
            disabled={unsubscribe.isPending}
            onClick={() => unsubscribe.mutate(token)}
          >
            {t('unsubscribe.confirm')}
          </button>
        </>
      ) : null}
    </>
  );
}
