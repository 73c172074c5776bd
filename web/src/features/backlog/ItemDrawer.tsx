import { useEffect, useId, useRef, useState } from 'react';
import {
  ITEM_TYPES,
  useItem,
  type BacklogItem,
  type Label,
  type TeamMember,
} from '../../api/backlog';
import type { ItemEdit } from '../../api/backlog-mutations';
import type { Team } from '../../api/teams';
import { useTeamT } from '../../i18n/vocabulary';
import { LiveSelect } from '../../ui/LiveSelect';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { DescriptionSection, HistorySection, ListSection } from './DrawerSections';
import './drawer.css';
import type { BacklogPermissions } from './permissions';

interface Props {
  team: Team;
  itemId: string;
  can: BacklogPermissions;
  labels: Label[];
  members: TeamMember[];
  /** The product backlog, for an epic's children and the epic choices. */
  items: readonly BacklogItem[];
  /**
   * Where no product backlog is loaded (the board): the epic choices and the items whose
   * epic is this one, instead of reading them from `items`.
   */
  related?: {
    epics: readonly Pick<BacklogItem, 'id' | 'title'>[];
    children: readonly Pick<BacklogItem, 'id' | 'title' | 'estimate'>[];
  };
  onEdit: (edit: ItemEdit) => void;
  onOpen: (itemId: string) => void;
  onClose: () => void;
}

/**
 * An item in full, in a side panel on the native <dialog> (focus kept inside, Escape closes,
 * focus back to the title that opened it): fields, description, acceptance criteria,
 * Definition of Ready, an epic's children, history.
 */
export default function ItemDrawer({
  team,
  itemId,
  can,
  labels,
  members,
  items,
  related,
  onEdit,
  onOpen,
  onClose,
}: Props) {
  const { t } = useTeamT('backlog');
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const id = useId();
  const query = useItem(team.id, itemId);
  // The list holds the freshest copy (live events patch it); the single read is the fallback.
  const item = items.find((i) => i.id === itemId) ?? query.data;
  const [titleDraft, setTitleDraft] = useState<{ value: string; base: BacklogItem } | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    opener.current = document.activeElement;
    dialog?.showModal?.();
    return () => {
      if (opener.current instanceof HTMLElement) opener.current.focus();
    };
  }, []);

  const edit = (patch: Partial<BacklogItem>, base: Partial<BacklogItem>) =>
    item &&
    onEdit({ itemId: item.id, patch: patch, base: { version: item.version, values: base } });

  const epics = (related?.epics ?? items.filter((i) => i.type === 'epic')).filter(
    (i) => i.id !== itemId,
  );
  const children = related?.children ?? items.filter((i) => i.parentId === itemId);

  return (
    <dialog
      ref={ref}
      className="ritmo-drawer p-0 border-0"
      aria-labelledby={`${id}-title`}
      data-testid="item-drawer"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="ritmo-drawer-body">
        <div className="d-flex justify-content-between align-items-start gap-2">
          <h2 id={`${id}-title`} className="h4 mb-3">
            {item?.title ?? t('drawer.history')}
          </h2>
          <button
            type="button"
            className="btn-close"
            aria-label={t('drawer.close')}
            onClick={onClose}
          />
        </div>
        <ProblemAlert error={query.error} />
        {!item ? (
          <Loading />
        ) : (
          <>
            {can.edit ? (
              <form
                className="mb-3"
                onSubmit={(e) => {
                  e.preventDefault();
                  const value = titleDraft?.value.trim();
                  if (!titleDraft || !value || value === titleDraft.base.title) return;
                  onEdit({
                    itemId: item.id,
                    patch: { title: value },
                    base: {
                      version: titleDraft.base.version,
                      values: { title: titleDraft.base.title },
                    },
                  });
                  setTitleDraft(null);
                }}
              >
                <label htmlFor={`${id}-ti`} className="form-label">
                  {t('field.title')}
                </label>
                <div className="d-flex gap-2">
                  <input
                    id={`${id}-ti`}
                    className="form-control"
                    maxLength={200}
                    value={titleDraft?.value ?? item.title}
                    onChange={(e) =>
                      setTitleDraft({ value: e.target.value, base: titleDraft?.base ?? item })
                    }
                  />
                  <button type="submit" className="btn btn-primary btn-sm" disabled={!titleDraft}>
                    {t('drawer.save')}
                  </button>
                </div>
              </form>
            ) : null}
            <div className="row g-2 mb-3">
              <Field label={t('field.type')} id={`${id}-ty`}>
                <LiveSelect
                  id={`${id}-ty`}
                  className="form-select"
                  disabled={!can.edit}
                  value={item.type}
                  onValue={(v, seen) =>
                    edit({ type: v as BacklogItem['type'] }, { type: seen as BacklogItem['type'] })
                  }
                  labelOf={(v) => t(`type.${v}`)}
                >
                  {ITEM_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`type.${type}`)}
                    </option>
                  ))}
                </LiveSelect>
              </Field>
              <Field label={t('drawer.estimate')} id={`${id}-es`}>
                <LiveSelect
                  id={`${id}-es`}
                  className="form-select"
                  disabled={!can.edit}
                  value={item.estimate === null ? '' : String(item.estimate)}
                  onValue={(v, seen) =>
                    edit(
                      { estimate: v === '' ? null : Number(v) },
                      { estimate: seen === '' ? null : Number(seen) },
                    )
                  }
                  labelOf={(v) => (v === '' ? t('noEstimateLong') : v)}
                >
                  <option value="">{t('noEstimateLong')}</option>
                  {team.pointScale.map((p) => (
                    <option key={p} value={String(p)}>
                      {p}
                    </option>
                  ))}
                </LiveSelect>
              </Field>
              <Field label={t('field.assignee')} id={`${id}-as`}>
                <LiveSelect
                  id={`${id}-as`}
                  className="form-select"
                  disabled={!can.edit}
                  value={item.assigneeId ?? ''}
                  onValue={(v, seen) =>
                    edit({ assigneeId: v || null }, { assigneeId: seen || null })
                  }
                  labelOf={(v) =>
                    members.find((m) => m.userId === v)?.displayName ?? t('unassigned')
                  }
                >
                  <option value="">{t('unassigned')}</option>
                  {members.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.displayName}
                    </option>
                  ))}
                </LiveSelect>
              </Field>
              {item.type !== 'epic' ? (
                <Field label={t('field.parentId')} id={`${id}-ep`}>
                  <LiveSelect
                    id={`${id}-ep`}
                    className="form-select"
                    disabled={!can.edit}
                    value={item.parentId ?? ''}
                    onValue={(v, seen) => edit({ parentId: v || null }, { parentId: seen || null })}
                    labelOf={(v) => epics.find((e) => e.id === v)?.title ?? t('noEpic')}
                  >
                    <option value="">{t('noEpic')}</option>
                    {epics.map((epic) => (
                      <option key={epic.id} value={epic.id}>
                        {epic.title}
                      </option>
                    ))}
                  </LiveSelect>
                </Field>
              ) : null}
            </div>
            <fieldset className="mb-3">
              <legend className="h6">{t('drawer.labelsLegend')}</legend>
              {labels.length === 0 ? <p className="text-muted">{t('labels.none')}</p> : null}
              <div className="d-flex flex-wrap gap-3">
                {labels.map((label) => (
                  <div className="form-check" key={label.id}>
                    <input
                      className="form-check-input"
                      type="checkbox"
                      id={`${id}-l-${label.id}`}
                      disabled={!can.edit}
                      checked={item.labelIds.includes(label.id)}
                      onChange={(e) =>
                        edit(
                          {
                            labelIds: e.target.checked
                              ? [...item.labelIds, label.id]
                              : item.labelIds.filter((l) => l !== label.id),
                          },
                          { labelIds: item.labelIds },
                        )
                      }
                    />
                    <label className="form-check-label" htmlFor={`${id}-l-${label.id}`}>
                      <span
                        className="ritmo-swatch"
                        style={{ background: label.color }}
                        aria-hidden="true"
                      />{' '}
                      {label.name}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
            <p>
              <strong>{item.ready ? t('ready') : t('notReady')}</strong> —{' '}
              {t('drawer.readyExplained')}
            </p>
            <DescriptionSection item={item} canEdit={can.edit} onEdit={edit} />
            <ListSection
              title={t('field.acceptanceCriteria')}
              entries={item.acceptanceCriteria}
              text={(c) => c}
              canEdit={can.edit}
              empty={t('drawer.noCriteria')}
              addLabel={t('drawer.addCriterion')}
              make={(text) => text}
              onChange={(next) =>
                edit({ acceptanceCriteria: next }, { acceptanceCriteria: item.acceptanceCriteria })
              }
            />
            <ListSection
              title={t('field.readyChecklist')}
              entries={item.readyChecklist}
              text={(c) => c.text}
              canEdit={can.edit}
              empty={t('drawer.noChecks')}
              addLabel={t('drawer.addCheck')}
              make={(text) => ({ text, done: false })}
              check={{ done: (c) => c.done, toggle: (c) => ({ ...c, done: !c.done }) }}
              onChange={(next) =>
                edit({ readyChecklist: next }, { readyChecklist: item.readyChecklist })
              }
            />
            {item.type === 'epic' ? (
              <section className="mb-4" aria-labelledby={`${id}-ch`}>
                <h3 id={`${id}-ch`} className="h6">
                  {t('drawer.children')}
                </h3>
                {children.length === 0 ? (
                  <p className="text-muted">{t('drawer.noChildren')}</p>
                ) : null}
                <ul>
                  {children.map((child) => (
                    <li key={child.id}>
                      <button
                        type="button"
                        className="btn btn-link p-0"
                        onClick={() => onOpen(child.id)}
                      >
                        {child.title}
                      </button>{' '}
                      —{' '}
                      {child.estimate === null
                        ? t('noEstimateLong')
                        : t('points', { count: child.estimate })}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            <HistorySection
              teamId={team.id}
              itemId={item.id}
              labels={labels}
              members={members}
              timeZone={team.timezone}
            />
          </>
        )}
      </div>
    </dialog>
  );
}

function Field({ label, id, children }: { label: string; id: string; children: React.ReactNode }) {
  return (
    <div className="col-6">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      {children}
    </div>
  );
}
