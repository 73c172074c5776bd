import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../live/LiveProvider';
import { Icon } from './Icon';

const ICONS = { online: 'it-check-circle', reconnecting: 'it-refresh', offline: 'it-error' };

/** Always visible: words and an icon, never colour alone. */
export function ConnectionState() {
  const { t } = useTranslation();
  const state = useConnectionState();
  return (
    <span
      className={`ritmo-connection ritmo-connection-${state}`}
      role="status"
      data-testid="connection-state"
      data-state={state}
    >
      <Icon name={ICONS[state]} size="sm" className="icon-light me-1" />
      {t(`connection.${state}`)}
    </span>
  );
}
