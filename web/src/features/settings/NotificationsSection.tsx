import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useNotificationPreferences,
  useUpdateNotificationPreferences,
  type Preferences,
  type PreferencesChange,
} from '../../api/notifications';
import { fieldError, TextField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';

type Kind = Preferences['everyTeam'][number]['kind'];
type Channel = Preferences['everyTeam'][number]['channel'];
const CHANNELS: Channel[] = ['off', 'in_app', 'email', 'digest'];
const DAYS = [1, 2, 3, 4, 5, 6, 7];

interface Draft {
  everyTeam: Record<string, Channel>;
  /** teamId → kind → channel, or 'default' (follow every team). */
  teams: Record<string, Record<string, Channel | 'default'>>;
  digestTime: string;
  timezone: string;
  digestDays: number[];
}

function draftOf(p: Preferences): Draft {
  return {
    everyTeam: Object.fromEntries(p.everyTeam.map((e) => [e.kind, e.channel])),
    teams: Object.fromEntries(
      p.teams.map((team) => [
        team.teamId,
        Object.fromEntries(
          p.everyTeam.map((e) => [
            e.kind,
            (team.overrides[e.kind] as Channel | undefined) ?? 'default',
          ]),
        ),
      ]),
    ),
    digestTime: p.digest.digestTime,
    timezone: p.digest.timezone,
    digestDays: p.digest.digestDays,
  };
}

/** Only what differs from what the server has: the others stay as they are. */
function changeOf(p: Preferences, d: Draft): PreferencesChange {
  const base = draftOf(p);
  const preferences: NonNullable<PreferencesChange['preferences']> = [];
  for (const [kind, channel] of Object.entries(d.everyTeam))
    if (base.everyTeam[kind] !== channel)
      preferences.push({ teamId: null, kind: kind as Kind, channel });
  for (const [teamId, kinds] of Object.entries(d.teams))
    for (const [kind, channel] of Object.entries(kinds))
      if (base.teams[teamId]?.[kind] !== channel)
        preferences.push({ teamId, kind: kind as Kind, channel });
  return {
    preferences,
    digest: { digestTime: d.digestTime, timezone: d.timezone, digestDays: d.digestDays },
  };
}

/** Settings › Notifications: per kind, for every team and per team, and the daily digest. */
export function NotificationsSection() {
  const prefs = useNotificationPreferences();
  // Outside the form: saving replaces the server's state, which starts a fresh draft.
  const [saved, setSaved] = useState(false);
  if (!prefs.data) return <Loading />;
  return (
    <NotificationsForm
      prefs={prefs.data}
      key={JSON.stringify(prefs.data)}
      saved={saved}
      setSaved={setSaved}
    />
  );
}

function NotificationsForm({
  prefs,
  saved,
  setSaved,
}: {
  prefs: Preferences;
  saved: boolean;
  setSaved: (saved: boolean) => void;
}) {
  const { t } = useTranslation('notifications');
  const save = useUpdateNotificationPreferences();
  const [draft, setDraft] = useState(() => draftOf(prefs));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate(changeOf(prefs, draft), { onSuccess: () => setSaved(true) });
  };
  const select = (
    id: string,
    label: string,
    value: string,
    options: string[],
    onChange: (v: string) => void,
  ) => (
    <div className="col-12 col-md-6 mb-3" key={id}>
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      <select
        id={id}
        className="form-select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {t(`channels.${o}`)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section aria-labelledby="notifications-title" className="mb-5">
      <h2 id="notifications-title" className="h3">
        {t('prefs.title')}
      </h2>
      <p>{t('prefs.intro')}</p>
      <form onSubmit={submit} noValidate>
        <ProblemAlert error={save.error} />
        <fieldset className="mb-4">
          <legend className="h5">{t('prefs.everyTeam')}</legend>
          <div className="row">
            {prefs.everyTeam.map((e) =>
              select(
                `pref-all-${e.kind}`,
                `${t(`kinds.${e.kind}`)} (${t('prefs.defaultIs', { channel: t(`channels.${e.defaultChannel}`) })})`,
                draft.everyTeam[e.kind],
                CHANNELS,
                (v) =>
                  setDraft((d) => ({
                    ...d,
                    everyTeam: { ...d.everyTeam, [e.kind]: v as Channel },
                  })),
              ),
            )}
          </div>
        </fieldset>
        {prefs.teams.map((team) => (
          <fieldset className="mb-4" key={team.teamId}>
            <legend className="h5">{t('prefs.team', { name: team.teamName })}</legend>
            <div className="row">
              {prefs.everyTeam.map((e) =>
                select(
                  `pref-${team.teamId}-${e.kind}`,
                  t(`kinds.${e.kind}`),
                  draft.teams[team.teamId][e.kind],
                  ['default', ...CHANNELS],
                  (v) =>
                    setDraft((d) => ({
                      ...d,
                      teams: {
                        ...d.teams,
                        [team.teamId]: { ...d.teams[team.teamId], [e.kind]: v as Channel },
                      },
                    })),
                ),
              )}
            </div>
          </fieldset>
        ))}
        <fieldset className="mb-4">
          <legend className="h5">{t('prefs.digest')}</legend>
          <p>{t('prefs.digestIntro')}</p>
          <div className="row">
            <div className="col-12 col-md-4">
              <TextField
                label={t('prefs.digestTime')}
                type="time"
                value={draft.digestTime}
                error={fieldError(save.error, 'digest.digestTime')}
                onChange={(e) => setDraft((d) => ({ ...d, digestTime: e.target.value }))}
              />
            </div>
            <div className="col-12 col-md-8">
              <TextField
                label={t('prefs.timezone')}
                value={draft.timezone}
                error={fieldError(save.error, 'digest.timezone')}
                onChange={(e) => setDraft((d) => ({ ...d, timezone: e.target.value }))}
              />
            </div>
          </div>
          <fieldset>
            <legend className="form-label fs-6">{t('prefs.digestDays')}</legend>
            {DAYS.map((day) => (
              <div className="form-check form-check-inline" key={day}>
                <input
                  className="form-check-input"
                  type="checkbox"
                  id={`digest-day-${day}`}
                  checked={draft.digestDays.includes(day)}
                  onChange={(e) =>
                    setDraft((d) => ({
                      ...d,
                      digestDays: e.target.checked
                        ? [...d.digestDays, day].sort()
                        : d.digestDays.filter((x) => x !== day),
                    }))
                  }
                />
                <label className="form-check-label" htmlFor={`digest-day-${day}`}>
                  {t(`days.${day}`)}
                </label>
              </div>
            ))}
          </fieldset>
        </fieldset>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('prefs.save')}
        </button>
        {saved ? (
          <p role="status" className="mt-2">
            {t('prefs.saved')}
          </p>
        ) : null}
      </form>
    </section>
  );
}
