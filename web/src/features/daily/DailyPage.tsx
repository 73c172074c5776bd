import { useId, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  shiftDate,
  todayIn,
  useDaily,
  usePostAnswers,
  useRaiseImpediment,
  type DailySummary,
} from '../../api/daily';
import { useMe } from '../../api/me';
import { useTeamMembers, type Team } from '../../api/teams';
import { usePageTitle } from '../../app/usePageTitle';
import { formatDate } from '../../i18n/format';
import { useTeamT } from '../../i18n/vocabulary';
import { useAnnounce } from '../../ui/announcer';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import './daily.css';
import { Impediments } from './Impediments';
import { TeamPage } from '../../app/TeamPage';

const NO_MEMBERS: never[] = [];
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The person's own answers for the day: kept as typed until saved, then the server's. */
function MyAnswers({ team, day, date }: { team: Team; day: DailySummary; date: string }) {
  const { t } = useTeamT('daily');
  const me = useMe().data;
  const post = usePostAnswers(team.id, date);
  const raise = useRaiseImpediment(team.id);
  const announce = useAnnounce();
  const formId = useId();
  const saved = day.entries.find((e) => e.userId === me?.id)?.answers;
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const answers = draft ?? saved ?? {};
  function submit(e: FormEvent) {
    e.preventDefault();
    post.mutate(answers, {
      onSuccess: () => {
        setDraft(null);
        announce(t('announce.saved'));
      },
    });
  }
  return (
    <form onSubmit={submit} aria-labelledby={`${formId}-title`} className="mb-5">
      <h2 id={`${formId}-title`} className="h4">
        {t('mine.title')}
      </h2>
      <ProblemAlert error={post.error ?? raise.error} />
      {day.prompts.map((prompt) => (
        <div key={prompt.key} className="form-group mt-4">
          <label htmlFor={`${formId}-${prompt.key}`} className="active">
            {prompt.text}
          </label>
          <textarea
            id={`${formId}-${prompt.key}`}
            className="form-control"
            rows={2}
            value={answers[prompt.key] ?? ''}
            onChange={(e) => setDraft({ ...answers, [prompt.key]: e.target.value })}
          />
          {saved?.[prompt.key]?.trim() ? (
            <button
              type="button"
              className="btn btn-xs btn-link px-0"
              disabled={raise.isPending}
              onClick={() =>
                raise.mutate(
                  { title: saved[prompt.key].trim().slice(0, 200) },
                  { onSuccess: () => announce(t('announce.raised')) },
                )
              }
            >
              {t('mine.raise', { prompt: prompt.text })}
            </button>
          ) : null}
        </div>
      ))}
      <button type="submit" className="btn btn-primary" disabled={post.isPending}>
        {t('mine.save')}
      </button>
    </form>
  );
}

function TeamAnswers({ day }: { day: DailySummary }) {
  const { t } = useTeamT('daily');
  return (
    <section aria-labelledby="answers-title" className="mb-5">
      <h2 id="answers-title" className="h4">
        {t('answers.title')}
      </h2>
      {day.entries.length === 0 ? <p>{t('answers.none')}</p> : null}
      <div className="ritmo-daily-entries">
        {day.entries.map((entry) => (
          <article
            key={entry.userId}
            className="ritmo-daily-entry"
            aria-labelledby={`entry-${entry.userId}`}
            data-testid="daily-entry"
          >
            <h3 id={`entry-${entry.userId}`} className="h6">
              {entry.displayName}
            </h3>
            <dl className="mb-0">
              {day.prompts.map((prompt) => (
                <div key={prompt.key}>
                  <dt className="small">{prompt.text}</dt>
                  <dd>{entry.answers[prompt.key]?.trim() || t('answers.empty')}</dd>
                </div>
              ))}
            </dl>
          </article>
        ))}
      </div>
      {day.missing.length ? (
        <p className="mt-3" data-testid="daily-missing">
          {t('answers.missing', { names: day.missing.map((m) => m.displayName).join(', ') })}
        </p>
      ) : null}
    </section>
  );
}

function Daily({ team }: { team: Team }) {
  const { t, i18n } = useTeamT('daily');
  const [params, setParams] = useSearchParams();
  const today = todayIn(team.timezone);
  const wanted = params.get('date');
  const date = wanted && PLAIN_DATE.test(wanted) ? wanted : today;
  const day = useDaily(team.id, date);
  const members = useTeamMembers(team.id).data ?? NO_MEMBERS;
  const participate = team.myRole !== null;
  usePageTitle(t('title'));
  const dateId = useId();
  const pretty = formatDate(`${date}T12:00:00Z`, i18n.language, 'UTC');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <div className="d-flex gap-3 align-items-end flex-wrap mb-4">
        <Link to={`?date=${shiftDate(date, -1)}`}>{t('previousDay')}</Link>
        <div className="form-group mb-0">
          <label htmlFor={dateId} className="active">
            {t('date')}
          </label>
          <input
            id={dateId}
            type="date"
            className="form-control"
            value={date}
            onChange={(e) => PLAIN_DATE.test(e.target.value) && setParams({ date: e.target.value })}
          />
        </div>
        <Link to={`?date=${shiftDate(date, 1)}`}>{t('nextDay')}</Link>
        {date !== today ? <Link to="?">{t('today')}</Link> : null}
      </div>
      <p className="lead" data-testid="daily-date">
        {t('dayOf', { date: pretty })}
      </p>
      {day.isPending ? <Loading /> : null}
      <ProblemAlert error={day.error} />
      {day.data ? (
        <>
          {participate ? <MyAnswers key={date} team={team} day={day.data} date={date} /> : null}
          <TeamAnswers day={day.data} />
        </>
      ) : null}
      <Impediments team={team} members={members} mayChange={participate} />
    </>
  );
}

export default function DailyPage() {
  const { teamId = '' } = useParams();
  return <TeamPage teamId={teamId}>{(team) => <Daily team={team} />}</TeamPage>;
}
