import type { BoardColumn } from '../../api/board';
import { useTeamT } from '../../i18n/vocabulary';

/**
 * A column's name, its count and WIP limit. Over the limit (or at it) says so in words and
 * with a mark, not by colour alone.
 */
export function ColumnHeader({ column }: { column: BoardColumn }) {
  const { t } = useTeamT('board');
  const limit = column.wipLimit;
  const state = column.overLimit
    ? 'over'
    : limit !== null && column.wipCount >= limit
      ? 'at'
      : 'ok';
  return (
    <div
      className={`ritmo-column-header ritmo-wip-${state}`}
      data-testid="column-header"
      data-status-id={column.statusId}
      data-wip={state}
    >
      <h2 className="h6 mb-1">{column.name}</h2>
      <p className="mb-0 small" data-testid="column-count">
        {limit === null
          ? t('column.count', { count: column.wipCount })
          : t('column.countOfLimit', { count: column.wipCount, limit })}
      </p>
      {state === 'over' ? (
        <p className="mb-0 small fw-bold" data-testid="column-over-limit">
          <span aria-hidden="true">⚠ </span>
          {t('column.overLimit', { count: column.wipCount - (limit ?? 0) })}
        </p>
      ) : state === 'at' ? (
        <p className="mb-0 small">{t('column.atLimit')}</p>
      ) : null}
    </div>
  );
}
