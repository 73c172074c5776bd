import type { FormEvent } from 'react';
import type { Team } from '../../api/teams';
import { LANGUAGES } from '../../i18n';
import { useTeamT } from '../../i18n/vocabulary';
import { ConflictDialog } from '../../ui/ConflictDialog';
import { fieldError, SelectField, TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useTeamDraft } from './useTeamDraft';

interface General {
  name: string;
  process: 'scrum' | 'kanban';
  locale: 'it' | 'en';
  timezone: string;
  pointScale: string;
}

const LANGUAGE_NAMES: Record<string, string> = { it: 'Italiano', en: 'English' };

function read(team: Team): General {
  return {
    name: team.name,
    process: team.process,
    locale: team.locale,
    timezone: team.timezone,
    pointScale: team.pointScale.join(', '),
  };
}

/** "0, 1, 2, 3" → numbers; anything unreadable goes as is and the server says why. */
export function parseScale(text: string): number[] {
  return text
    .split(/[;,\s]+/)
    .filter(Boolean)
    .map((part) => Number(part.replace(',', '.')));
}

function toPatch(draft: General, base: Team) {
  const before = read(base);
  return {
    ...(draft.name !== before.name ? { name: draft.name } : {}),
    ...(draft.process !== before.process ? { process: draft.process } : {}),
    ...(draft.locale !== before.locale ? { locale: draft.locale } : {}),
    ...(draft.timezone !== before.timezone ? { timezone: draft.timezone } : {}),
    ...(draft.pointScale !== before.pointScale ? { pointScale: parseScale(draft.pointScale) } : {}),
  };
}

const ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Rome'];
  }
})();

export function GeneralSection({ team, editable }: { team: Team; editable: boolean }) {
  const { t } = useTeamT('settings');
  const edit = useTeamDraft(team, read, toPatch);
  const { draft } = edit;
  const set = (changes: Partial<General>) => edit.setDraft({ ...draft, ...changes });
  const error = edit.update.error;
  const zones = ZONES.includes(draft.timezone) ? ZONES : [draft.timezone, ...ZONES];

  function submit(event: FormEvent) {
    event.preventDefault();
    edit.save();
  }

  const theirs = edit.conflict ? read(edit.conflict) : undefined;
  const rows = theirs
    ? (
        [
          ['name', t('general.name')],
          ['process', t('general.process')],
          ['locale', t('general.locale')],
          ['timezone', t('general.timezone')],
          ['pointScale', t('general.pointScale')],
        ] as const
      )
        .filter(([key]) => theirs[key] !== draft[key])
        .map(([key, label]) => ({ label, theirs: theirs[key], mine: draft[key] }))
    : [];

  return (
    <section aria-labelledby="general-title" className="mb-5">
      <h2 id="general-title" className="h3">
        {t('general.title')}
      </h2>
      <ProblemAlert error={edit.error} />
      <form onSubmit={submit} noValidate>
        <fieldset disabled={!editable}>
          <legend className="visually-hidden">{t('general.title')}</legend>
          <TextField
            id="team-name"
            label={t('general.name')}
            required
            value={draft.name}
            error={fieldError(error, 'name')}
            onChange={(event) => set({ name: event.target.value })}
          />
          <SelectField
            id="team-process"
            label={t('general.process')}
            hint={t('general.processHint')}
            value={draft.process}
            onChange={(event) => set({ process: event.target.value as General['process'] })}
          >
            <option value="scrum">Scrum</option>
            <option value="kanban">Kanban</option>
          </SelectField>
          <SelectField
            id="team-locale"
            label={t('general.locale')}
            hint={t('general.localeHint')}
            value={draft.locale}
            onChange={(event) => set({ locale: event.target.value as General['locale'] })}
          >
            {LANGUAGES.map((lang) => (
              <option key={lang} value={lang} lang={lang}>
                {LANGUAGE_NAMES[lang]}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="team-timezone"
            label={t('general.timezone')}
            value={draft.timezone}
            error={fieldError(error, 'timezone')}
            onChange={(event) => set({ timezone: event.target.value })}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </SelectField>
          <TextField
            id="team-scale"
            label={t('general.pointScale')}
            hint={t('general.pointScaleHint')}
            value={draft.pointScale}
            error={fieldError(error, 'pointScale')}
            onChange={(event) => set({ pointScale: event.target.value })}
          />
          {editable ? (
            <button
              type="submit"
              className="btn btn-primary"
              disabled={!edit.dirty || edit.update.isPending}
            >
              {t('save')}
            </button>
          ) : null}
        </fieldset>
      </form>
      <ConflictDialog
        open={Boolean(edit.conflict)}
        rows={rows}
        onTakeTheirs={edit.takeTheirs}
        onApplyMine={edit.applyMine}
        onClose={edit.closeConflict}
      />
    </section>
  );
}
