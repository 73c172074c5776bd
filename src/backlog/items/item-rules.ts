import {
  FieldError,
  ValidationFailedError,
  withTranslationKey,
} from '../../common/errors/domain-error';
import type { FieldChange, ItemType } from '../backlog.events';
import type { BacklogItemSnapshot } from '../backlog.events';
import type { UpdatableField } from './backlog-items.repository';
import { TITLE_MAX } from './dto/backlog-item.dto';

export const BULK_MAX_LINES = 200;

/** Lines of pasted text → titles: blank lines skipped, a list bullet or number dropped. */
export function titlesFromText(text: string): string[] {
  const titles = text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim())
    .filter((line) => line !== '');
  const errors: FieldError[] = [];
  if (titles.length === 0) errors.push({ field: 'text', message: 'has no non-blank line' });
  if (titles.length > BULK_MAX_LINES)
    errors.push(
      withTranslationKey(
        { field: 'text', message: `has ${titles.length} lines; at most ${BULK_MAX_LINES}` },
        'bulkLines',
        { count: titles.length, max: BULK_MAX_LINES },
      ),
    );
  titles.forEach((title, index) => {
    if (title.length > TITLE_MAX)
      errors.push(
        withTranslationKey(
          { field: 'text', message: `line ${index + 1} is longer than ${TITLE_MAX} characters` },
          'bulkLineTooLong',
          { line: index + 1, max: TITLE_MAX },
        ),
      );
  });
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return titles;
}

/** What the references of an item must satisfy; each failed check names its field. */
export interface ReferenceFacts {
  pointScale: number[];
  estimate?: number | null;
  assigneeIsMember?: boolean;
  parent?: { type: ItemType; archived: boolean } | null;
  parentIsSelf?: boolean;
  /** The type the item will have. */
  type: ItemType;
  hasChildren?: boolean;
  missingLabels?: string[];
  labelIds?: string[];
}

export function checkReferences(facts: ReferenceFacts): void {
  const errors: FieldError[] = [];
  if (
    facts.estimate !== undefined &&
    facts.estimate !== null &&
    !facts.pointScale.includes(facts.estimate)
  ) {
    const scale = facts.pointScale.join(', ');
    errors.push(
      withTranslationKey(
        { field: 'estimate', message: `must be one of the team's point scale (${scale}) or null` },
        'pointScale',
        { scale },
      ),
    );
  }
  if (facts.assigneeIsMember === false)
    errors.push({ field: 'assigneeId', message: 'is not a member of this team' });
  if (facts.parentIsSelf) errors.push({ field: 'parentId', message: 'cannot be the item itself' });
  else if (facts.parent === null)
    errors.push({ field: 'parentId', message: 'is not an item of this team' });
  else if (facts.parent && facts.parent.type !== 'epic')
    errors.push({ field: 'parentId', message: 'is not an epic' });
  else if (facts.parent?.archived)
    errors.push({ field: 'parentId', message: 'is an archived epic' });
  if (facts.parent && facts.type === 'epic')
    errors.push({ field: 'parentId', message: 'an epic cannot belong to another epic' });
  if (facts.hasChildren && facts.type !== 'epic')
    errors.push({ field: 'type', message: 'this epic has items; it must stay an epic' });
  for (const id of facts.missingLabels ?? []) {
    const index = facts.labelIds?.indexOf(id) ?? -1;
    errors.push({ field: `labelIds.${index}`, message: 'is not a label of this team' });
  }
  if (errors.length > 0) throw new ValidationFailedError(errors);
}

/** The fields whose value differs, in the order of the request. */
export function diff(
  current: BacklogItemSnapshot,
  requested: Partial<Record<UpdatableField, unknown>>,
): FieldChange[] {
  return Object.entries(requested)
    .filter(([, value]) => value !== undefined)
    .map(([field, to]) => ({ field, from: current[field as UpdatableField], to }))
    .filter(({ from, to }) => JSON.stringify(from) !== JSON.stringify(to));
}
