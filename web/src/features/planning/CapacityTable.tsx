import { useState } from 'react';
import type { TeamMember } from '../../api/backlog';
import type { MemberCapacity, Planning } from '../../api/sprints';
import { formatNumber } from '../../i18n/format';
import { useTeamT } from '../../i18n/vocabulary';
import { availableDays, capacityRows, toCapacity, type CapacityRow } from './capacity';

/**
 * Each member's availability: the calendar's absences (read only), other days off and the
 * share of time on the sprint (editable), and the days that leaves. Hours per day are not
 * part of ritmo's model: capacity is counted in person-days.
 */
export function CapacityTable({
  planning,
  members,
  canEdit,
  onSave,
}: {
  planning: Planning;
  members: readonly TeamMember[];
  canEdit: boolean;
  onSave: (members: MemberCapacity[]) => Promise<boolean>;
}) {
  const { t, i18n } = useTeamT('planning');
  const n = (v: number) => formatNumber(v, i18n.language);
  const fromServer = capacityRows(members, planning);
  const serverKey = JSON.stringify(fromServer);
  const [rows, setRows] = useState<CapacityRow[]>(fromServer);
  const [dirty, setDirty] = useState(false);
  // Another person's save shows here unless this person is typing.
  const [seen, setSeen] = useState(serverKey);
  if (seen !== serverKey) {
    setSeen(serverKey);
    if (!dirty) setRows(fromServer);
  }
  const hasDates = Boolean(planning.sprint.startDate && planning.sprint.endDate);
  const set = (userId: string, patch: Partial<CapacityRow>) => {
    setDirty(true);
    setRows((list) => list.map((r) => (r.userId === userId ? { ...r, ...patch } : r)));
  };
  const total = rows.reduce((s, r) => s + availableDays(planning.workingDays, r), 0);

  return (
    <section aria-labelledby="capacity-heading" className="mb-4" data-testid="capacity">
      <h2 id="capacity-heading" className="h5">
        {t('capacity.heading')}
      </h2>
      <p className="small mb-2">
        {hasDates
          ? t('capacity.intro', { workingDays: planning.workingDays })
          : t('capacity.noDates')}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void onSave(toCapacity(rows)).then((ok) => ok && setDirty(false));
        }}
      >
        <div className="table-responsive">
          <table className="table table-sm align-middle ritmo-capacity">
            <caption className="visually-hidden">{t('capacity.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('capacity.member')}</th>
                <th scope="col">{t('capacity.absences')}</th>
                <th scope="col">{t('capacity.daysOff')}</th>
                <th scope="col">{t('capacity.focus')}</th>
                <th scope="col">{t('capacity.available')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.userId} data-testid="capacity-row">
                  <th scope="row">
                    {row.name}
                    {!row.saved ? (
                      <span className="d-block small fw-normal">{t('capacity.notSaved')}</span>
                    ) : null}
                  </th>
                  <td>{n(row.absences)}</td>
                  <td>
                    {canEdit ? (
                      <input
                        type="number"
                        className="form-control form-control-sm ritmo-number"
                        min={0}
                        max={366}
                        step={0.5}
                        aria-label={t('capacity.daysOffOf', { name: row.name })}
                        value={row.daysOff}
                        onChange={(e) => set(row.userId, { daysOff: Number(e.target.value) })}
                      />
                    ) : (
                      n(row.daysOff)
                    )}
                  </td>
                  <td>
                    {canEdit ? (
                      <input
                        type="number"
                        className="form-control form-control-sm ritmo-number"
                        min={0}
                        max={100}
                        step={5}
                        aria-label={t('capacity.focusOf', { name: row.name })}
                        value={row.focusPercent}
                        onChange={(e) => set(row.userId, { focusPercent: Number(e.target.value) })}
                      />
                    ) : (
                      `${n(row.focusPercent)}%`
                    )}
                  </td>
                  <td data-testid="capacity-available">
                    {n(availableDays(planning.workingDays, row))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="d-flex flex-wrap align-items-center gap-3">
          <p className="mb-0 fw-semibold" data-testid="capacity-total">
            {t('capacity.total', {
              days: n(dirty ? Math.round(total * 100) / 100 : planning.capacityDays),
            })}
          </p>
          {!dirty && rows.some((r) => !r.saved) ? (
            <p className="mb-0 small">{t('capacity.unsavedHint')}</p>
          ) : null}
          {canEdit ? (
            <button type="submit" className="btn btn-sm btn-primary">
              {t('capacity.save')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
