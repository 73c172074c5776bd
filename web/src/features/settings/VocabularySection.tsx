import type { FormEvent } from 'react';
import type { Team } from '../../api/teams';
import { mergeTerms, type Terms } from '../../i18n/vocabulary';
import { useTeamT } from '../../i18n/vocabulary';
import { ConflictDialog } from '../../ui/ConflictDialog';
import { fieldError, TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useTeamDraft } from './useTeamDraft';

type Draft = Record<keyof Terms, string>;

const TERMS = Object.keys(mergeTerms('it', undefined)) as (keyof Terms)[];

function read(team: Team): Draft {
  const renamed = team.vocabulary as Partial<Record<keyof Terms, string>>;
  return Object.fromEntries(TERMS.map((term) => [term, renamed[term] ?? ''])) as Draft;
}

/** Only the terms that changed; a cleared term goes back to the default (null). */
function toPatch(draft: Draft, base: Team) {
  const before = read(base);
  const vocabulary: Partial<Record<keyof Terms, string | null>> = {};
  for (const term of TERMS) {
    const value = draft[term].trim();
    if (value === before[term]) continue;
    vocabulary[term] = value === '' ? null : value;
  }
  return { vocabulary };
}

/** The team's own words for Scrum's terms ("Ciclo di lavoro" for sprint…), in every label. */
export function VocabularySection({ team, editable }: { team: Team; editable: boolean }) {
  const { t, i18n } = useTeamT('settings');
  const defaults = mergeTerms(i18n.language, undefined);
  const edit = useTeamDraft(team, read, toPatch);
  const { draft } = edit;

  function submit(event: FormEvent) {
    event.preventDefault();
    edit.save();
  }

  const theirs = edit.conflict ? read(edit.conflict) : undefined;
  const shown = (value: string, term: keyof Terms) => value || defaults[term];
  const rows = theirs
    ? TERMS.filter((term) => theirs[term] !== draft[term]).map((term) => ({
        label: t(`vocabulary.labels.${term}`),
        theirs: shown(theirs[term], term),
        mine: shown(draft[term], term),
      }))
    : [];

  return (
    <section aria-labelledby="vocabulary-title" className="mb-5">
      <h2 id="vocabulary-title" className="h3">
        {t('vocabulary.title')}
      </h2>
      <p>{t('vocabulary.intro')}</p>
      <ProblemAlert error={edit.error} />
      <form onSubmit={submit} noValidate>
        <fieldset disabled={!editable}>
          <legend className="visually-hidden">{t('vocabulary.title')}</legend>
          <div className="row">
            {TERMS.map((term) => (
              <div className="col-12 col-md-6" key={term}>
                <TextField
                  id={`term-${term}`}
                  label={t('vocabulary.term', { term: t(`vocabulary.labels.${term}`) })}
                  placeholder={defaults[term]}
                  value={draft[term]}
                  error={fieldError(edit.update.error, `vocabulary.${term}`)}
                  onChange={(event) => edit.setDraft({ ...draft, [term]: event.target.value })}
                />
              </div>
            ))}
          </div>
          {editable ? (
            <button
              type="submit"
              className="btn btn-primary"
              disabled={!edit.dirty || edit.update.isPending}
            >
              {t('vocabulary.save')}
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
