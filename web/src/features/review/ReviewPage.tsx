import { useId, useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { TeamMember } from '../../api/backlog';
import { useMe } from '../../api/me';
import {
  useReview,
  useReviewCommand,
  useReviews,
  type ReviewCommand,
  type SprintReview,
} from '../../api/review';
import { useSprintItems, useSprints, type Sprint } from '../../api/sprints';
import { useTeamMembers, type Team } from '../../api/teams';
import { usePageTitle } from '../../app/usePageTitle';
import { useTeamT } from '../../i18n/vocabulary';
import { useAnnounce } from '../../ui/announcer';
import { EmptyState, Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { SprintSelect } from '../../ui/SprintSelect';
import './review.css';
import { TeamPage } from '../../app/TeamPage';

const NO_MEMBERS: TeamMember[] = [];

/** The sprint shown: the one in the address, else the running one, else the last completed. */
function pick(sprints: readonly Sprint[], wanted: string | null): Sprint | undefined {
  const shown = sprints.filter((s) => s.state !== 'planned');
  return (
    shown.find((s) => s.id === wanted) ??
    shown.find((s) => s.state === 'active') ??
    [...shown].reverse().find((s) => s.state === 'completed')
  );
}

function Items({
  team,
  review,
  sprint,
  run,
  busy,
}: {
  team: Team;
  review: SprintReview;
  sprint: Sprint;
  run: (c: ReviewCommand, done: string) => void;
  busy: boolean;
}) {
  const { t } = useTeamT('review');
  const items = useSprintItems(team.id, sprint.id);
  // backlog.accept: the product owner decides.
  const mayDecide = team.myRole === 'product_owner';
  return (
    <section aria-labelledby="review-items-title" className="mb-5">
      <h2 id="review-items-title" className="h4">
        {t('items.title')}
      </h2>
      {items.isPending ? <Loading /> : null}
      <ProblemAlert error={items.error} />
      <ul className="list-unstyled">
        {(items.data?.items ?? []).map((item) => {
          const decided = review.items.find((d) => d.itemId === item.id);
          return (
            <li key={item.id} className="ritmo-review-item" data-testid="review-item">
              <span className="fw-semibold" data-testid="review-item-title">
                {item.title}
              </span>
              <span data-testid="review-decision" data-decision={decided?.decision ?? 'none'}>
                {decided ? t(`decision.${decided.decision}`) : t('decision.none')}
              </span>
              {mayDecide ? (
                <span className="d-flex gap-2">
                  <button
                    type="button"
                    className="btn btn-sm btn-outline-success"
                    aria-pressed={decided?.decision === 'accepted'}
                    aria-label={t('items.acceptLabel', { title: item.title })}
                    disabled={busy}
                    onClick={() =>
                      run(
                        {
                          kind: 'decide',
                          reviewId: review.id,
                          itemId: item.id,
                          decision: 'accepted',
                        },
                        t('announce.accepted', { title: item.title }),
                      )
                    }
                  >
                    {t('items.accept')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-sm btn-outline-danger"
                    aria-pressed={decided?.decision === 'not_accepted'}
                    aria-label={t('items.rejectLabel', { title: item.title })}
                    disabled={busy}
                    onClick={() =>
                      run(
                        {
                          kind: 'decide',
                          reviewId: review.id,
                          itemId: item.id,
                          decision: 'not_accepted',
                        },
                        t('announce.rejected', { title: item.title }),
                      )
                    }
                  >
                    {t('items.reject')}
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Feedback({
  team,
  review,
  sprint,
  members,
  run,
  busy,
}: {
  team: Team;
  review: SprintReview;
  sprint: Sprint;
  members: TeamMember[];
  run: (c: ReviewCommand, done: string) => void;
  busy: boolean;
}) {
  const { t } = useTeamT('review');
  const items = useSprintItems(team.id, sprint.id).data?.items ?? [];
  const [text, setText] = useState('');
  const [itemId, setItemId] = useState('');
  const textId = useId();
  const itemSelect = useId();
  // backlog.create: product owner, scrum master, developer.
  const mayCreate = team.myRole !== null && team.myRole !== 'stakeholder';
  const nameOf = (id: string) =>
    members.find((m) => m.userId === id)?.displayName ?? t('formerMember');
  const titleOf = (id: string | null) => items.find((i) => i.id === id)?.title;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    run(
      { kind: 'feedback', reviewId: review.id, text: text.trim(), itemId: itemId || undefined },
      t('announce.feedback'),
    );
    setText('');
  }
  return (
    <section aria-labelledby="feedback-title" className="mb-5">
      <h2 id="feedback-title" className="h4">
        {t('feedback.title')}
      </h2>
      {review.feedback.length === 0 ? <p>{t('feedback.none')}</p> : null}
      <ul className="list-unstyled">
        {review.feedback.map((f) => (
          <li key={f.id} className="ritmo-review-feedback" data-testid="feedback">
            <p className="mb-1" data-testid="feedback-text">
              {f.text}
            </p>
            <p className="small mb-1">
              {nameOf(f.authorId)}
              {titleOf(f.itemId) ? ` · ${t('feedback.about', { title: titleOf(f.itemId) })}` : ''}
            </p>
            {f.backlogItemId ? (
              <span className="small" data-testid="feedback-linked">
                {t('feedback.inBacklog')}
              </span>
            ) : mayCreate ? (
              <button
                type="button"
                className="btn btn-sm btn-outline-primary"
                disabled={busy}
                aria-label={t('feedback.toBacklogLabel', { text: f.text.slice(0, 60) })}
                onClick={() =>
                  run(
                    { kind: 'toBacklog', reviewId: review.id, feedbackId: f.id },
                    t('announce.toBacklog'),
                  )
                }
              >
                {t('feedback.toBacklog')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {team.myRole !== null ? (
        <form onSubmit={submit}>
          <div className="form-group mt-4">
            <label htmlFor={textId} className="active">
              {t('feedback.new')}
            </label>
            <textarea
              id={textId}
              className="form-control"
              rows={3}
              maxLength={5000}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className="d-flex gap-3 align-items-end flex-wrap">
            <div className="select-wrapper">
              <label htmlFor={itemSelect}>{t('feedback.item')}</label>
              <select id={itemSelect} value={itemId} onChange={(e) => setItemId(e.target.value)}>
                <option value="">{t('feedback.noItem')}</option>
                {items.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.title}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn btn-primary" disabled={busy || !text.trim()}>
              {t('feedback.add')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function Review({ team }: { team: Team }) {
  const { t } = useTeamT(['review', 'planning']);
  usePageTitle(t('title'));
  useMe();
  const sprints = useSprints(team.id, team.process === 'scrum');
  const reviews = useReviews(team.id);
  const members = useTeamMembers(team.id).data ?? NO_MEMBERS;
  const [params, setParams] = useSearchParams();
  const sprint = pick(sprints.data ?? [], params.get('sprint'));
  const summary = reviews.data?.find((r) => r.sprintId === sprint?.id);
  const review = useReview(team.id, summary?.id);
  const command = useReviewCommand(team.id);
  const announce = useAnnounce();
  const run = (c: ReviewCommand, done: string) =>
    command.mutate(c, { onSuccess: () => announce(done) });
  const shown = (sprints.data ?? []).filter((s) => s.state !== 'planned');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {sprints.isPending || reviews.isPending ? <Loading /> : null}
      <ProblemAlert error={sprints.error ?? reviews.error ?? review.error} />
      {sprints.data && !sprint ? <EmptyState title={t('noSprint')} /> : null}
      {sprint ? (
        <div className="mb-4">
          <SprintSelect
            id="review-sprint"
            label={t('sprint')}
            sprints={shown}
            value={sprint.id}
            stateLabel={(state) => t(`planning:state.${state}`)}
            onChange={(id) => setParams({ sprint: id }, { replace: true })}
          />
        </div>
      ) : null}
      <ProblemAlert error={command.error} title={command.error ? t('refused') : undefined} />
      {sprint && reviews.data && !summary ? (
        team.myRole === 'scrum_master' ? (
          <button
            type="button"
            className="btn btn-primary"
            disabled={command.isPending}
            onClick={() => run({ kind: 'open', sprintId: sprint.id }, t('announce.opened'))}
          >
            {t('open', { name: sprint.name })}
          </button>
        ) : (
          <EmptyState title={t('notOpen')} />
        )
      ) : null}
      {sprint && review.data ? (
        <>
          <Items
            team={team}
            review={review.data}
            sprint={sprint}
            run={run}
            busy={command.isPending}
          />
          <Feedback
            team={team}
            review={review.data}
            sprint={sprint}
            members={members}
            run={run}
            busy={command.isPending}
          />
        </>
      ) : null}
    </>
  );
}

export default function ReviewPage() {
  const { teamId = '' } = useParams();
  return <TeamPage teamId={teamId}>{(team) => <Review team={team} />}</TeamPage>;
}
