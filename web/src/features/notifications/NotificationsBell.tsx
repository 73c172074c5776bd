import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  useUnreadCount,
  type Notification,
} from '../../api/notifications';
import { formatRelative } from '../../i18n/format';
import { Icon } from '../../ui/Icon';
import { ProblemAlert } from '../../ui/ProblemAlert';

/**
 * The bell of the app shell: the unread count (live: the person's socket room updates it) and
 * a panel with the latest notifications, each openable and markable as read. Escape or the
 * bell again closes it and gives the focus back to the bell.
 */
export function NotificationsBell() {
  const { t } = useTranslation('notifications');
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  const panelId = useId();
  const bell = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    bell.current?.focus();
  };
  return (
    <div className="ritmo-bell">
      <button
        ref={bell}
        type="button"
        className="btn btn-sm btn-outline-light position-relative"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('bell', { count })}
        data-testid="notifications-bell"
        data-unread={count}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="it-horn" size="sm" className="icon-light" />
        <span className="ritmo-bell-count" aria-hidden="true" data-testid="bell-count">
          {count}
        </span>
      </button>
      {/* In the body, not the header: the header clips what overflows it. */}
      {open ? createPortal(<Panel id={panelId} onClose={close} />, document.body) : null}
    </div>
  );
}

function Panel({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation('notifications');
  const list = useNotifications(true);
  const markAll = useMarkAllRead();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  const items = list.data?.items ?? [];
  return (
    <section id={id} className="ritmo-bell-panel card shadow" aria-labelledby={`${id}-title`}>
      <div className="card-body">
        <div className="d-flex justify-content-between align-items-center mb-2">
          <h2 id={`${id}-title`} className="h5 mb-0" tabIndex={-1} ref={heading}>
            {t('title')}
          </h2>
          <button
            type="button"
            className="btn btn-sm btn-link"
            disabled={markAll.isPending || items.every((n) => n.readAt)}
            onClick={() => markAll.mutate()}
          >
            {t('markAll')}
          </button>
        </div>
        <ProblemAlert error={list.error ?? markAll.error} />
        {list.isPending ? <p>{t('loading')}</p> : null}
        {!list.isPending && items.length === 0 ? <p>{t('empty')}</p> : null}
        <ul className="list-unstyled mb-2" data-testid="notifications-list">
          {items.map((n) => (
            <Item key={n.id} n={n} lang={i18n.language} onOpen={onClose} />
          ))}
        </ul>
        <Link to="/settings#notifications-title" onClick={onClose}>
          {t('preferencesLink')}
        </Link>
      </div>
    </section>
  );
}

function Item({ n, lang, onOpen }: { n: Notification; lang: string; onOpen: () => void }) {
  const { t } = useTranslation('notifications');
  const read = useMarkRead();
  return (
    <li className={`ritmo-notification ${n.readAt ? '' : 'ritmo-unread'}`} data-id={n.id}>
      <div>
        {n.readAt ? null : <span className="visually-hidden">{t('unread')}: </span>}
        <Link
          to={n.link}
          onClick={() => {
            if (!n.readAt) read.mutate(n.id);
            onOpen();
          }}
        >
          {n.text}
        </Link>
      </div>
      <div className="small text-muted">
        {n.teamName} · <time dateTime={n.createdAt}>{formatRelative(n.createdAt, lang)}</time>
        {n.readAt ? null : (
          <button
            type="button"
            className="btn btn-sm btn-link py-0"
            disabled={read.isPending}
            onClick={() => read.mutate(n.id)}
          >
            {t('markRead')}
          </button>
        )}
      </div>
    </li>
  );
}
