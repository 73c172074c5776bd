import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from './announcer';

/**
 * A read-only value to copy (an invitation link, a new API token). The button says when it
 * worked, in words and to screen readers.
 */
export function CopyField({
  label,
  value,
  testId,
}: {
  label: string;
  value: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const announce = useAnnounce();
  const [copied, setCopied] = useState(false);
  return (
    <div className="form-group">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <div className="input-group">
        <input
          id={id}
          className="form-control font-monospace"
          readOnly
          value={value}
          data-testid={testId}
          onFocus={(event) => event.target.select()}
        />
        <div className="input-group-append">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              void navigator.clipboard?.writeText(value).then(
                () => {
                  setCopied(true);
                  announce(t('copied'));
                },
                () => setCopied(false),
              );
            }}
          >
            {copied ? t('copied') : t('copy')}
          </button>
        </div>
      </div>
    </div>
  );
}
