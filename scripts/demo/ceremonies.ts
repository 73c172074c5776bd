/**
 * The Ufficio Tributi's ceremonies around its second cycle, through the real services: the
 * sprint review and the retrospective on the day the cycle ended, and the planning poker that
 * prepares the third cycle. Each part is made once (found by what it is about) and dated by
 * `ctx.after`, so on an existing demo it happens after what is already there.
 */
import { query } from '../../src/database/sql';
import { PokerRoundsService } from '../../src/ceremony/poker/poker-rounds.service';
import { PokerSessionsService } from '../../src/ceremony/poker/poker-sessions.service';
import { ReviewService } from '../../src/ceremony/review/review.service';
import type { Actor } from '../../src/identity/actor';
import { CardsService } from '../../src/retrospective/cards.service';
import { DiscussService } from '../../src/retrospective/discuss.service';
import { RetrospectivesService } from '../../src/retrospective/retrospectives.service';
import { VotesService } from '../../src/retrospective/votes.service';
import { DEMO_DOMAIN } from './demo-data';
import type { Context } from './seed';

const DAY = 86_400_000;

interface Tributi {
  teamId: string;
  po: Actor;
  sm: Actor;
  dev: Actor;
  dev2: Actor;
  stakeholder: Actor;
}

function tributi(ctx: Context): Tributi {
  return {
    teamId: ctx.teams.get('tributi')!,
    po: ctx.people.get('tributi.product_owner')!,
    sm: ctx.people.get('tributi.scrum_master')!,
    dev: ctx.people.get('tributi.developer')!,
    dev2: ctx.people.get(`developer2.tributi@${DEMO_DOMAIN}`)!,
    stakeholder: ctx.people.get('tributi.stakeholder')!,
  };
}

async function sprintNamed(ctx: Context, teamId: string, name: string) {
  const [row] = await query<{ id: string }>(
    ctx.db,
    `SELECT id FROM sprints WHERE team_id = $1 AND name = $2`,
    [teamId, name],
  );
  return row?.id;
}

function isoDay(ctx: Context, n: number): string {
  return new Date(ctx.today.getTime() + n * DAY).toISOString().slice(0, 10);
}

/** Ciclo 2's review: the product owner accepts what meets the goal; the councillor's feedback. */
export async function seedTributiReview(ctx: Context): Promise<void> {
  const t = tributi(ctx);
  const sprintId = await sprintNamed(ctx, t.teamId, 'Ciclo 2');
  if (!sprintId) return;
  const [found] = await query(
    ctx.db,
    `SELECT 1 FROM sprint_reviews WHERE team_id = $1 AND sprint_id = $2`,
    [t.teamId, sprintId],
  );
  if (found) return;
  const reviews = ctx.app.get(ReviewService);
  await ctx.after(t.teamId, -15, 17);
  const review = await reviews.create(t.sm, t.teamId, {
    sprintId,
    notes:
      'Presentazione all’Assessorato al Bilancio: calcolatore IMU, modulo TARI e sollecito in prova allo sportello.',
  });
  const items = await query<{ id: string; title: string }>(
    ctx.db,
    `SELECT id, title FROM backlog_items WHERE team_id = $1 AND sprint_id = $2 ORDER BY rank COLLATE "C"`,
    [t.teamId, sprintId],
  );
  for (const [n, item] of items.entries()) {
    await ctx.after(t.teamId, -15, 17);
    await reviews.decide(
      t.po,
      review.id,
      item.id,
      n === items.length - 1
        ? {
            decision: 'not_accepted',
            note: 'Manca la verifica dell’ufficio legale sul testo: torna nel backlog.',
          }
        : { decision: 'accepted', note: 'Provato allo sportello con due contribuenti.' },
    );
  }
  const feedback: [Actor, string, number | null][] = [
    [
      t.stakeholder,
      'Il calcolatore IMU è chiaro: serve un avviso per chi ha più immobili in Comuni diversi.',
      0,
    ],
    [t.stakeholder, 'Per la Giunta sarebbe utile vedere quante pratiche arrivano online.', null],
    [t.po, 'Allo sportello chiedono la stampa in formato accessibile.', 1],
  ];
  for (const [author, text, n] of feedback) {
    await ctx.after(t.teamId, -15, 17);
    const itemId = n === null ? undefined : items[n]?.id;
    await reviews.addFeedback(author, review.id, { text, itemId });
  }
}

/** Ciclo 2's retrospective (Andato bene / Da migliorare / Idee), run to the end. */
export async function seedTributiRetrospective(ctx: Context): Promise<void> {
  const t = tributi(ctx);
  const sprintId = await sprintNamed(ctx, t.teamId, 'Ciclo 2');
  if (!sprintId) return;
  const [found] = await query(
    ctx.db,
    `SELECT 1 FROM retrospectives WHERE team_id = $1 AND sprint_id = $2`,
    [t.teamId, sprintId],
  );
  if (found) return;
  const retros = ctx.app.get(RetrospectivesService);
  const cards = ctx.app.get(CardsService);
  const votes = ctx.app.get(VotesService);
  const discuss = ctx.app.get(DiscussService);
  const step = () => ctx.after(t.teamId, -14, 10);

  await step();
  const retro = await retros.create(t.sm, t.teamId, {
    template: 'went_well',
    sprintId,
    title: 'Retrospettiva del Ciclo 2',
  });
  const written: [Actor, string, string][] = [
    [t.dev, 'went_well', 'Il calcolatore IMU ha ridotto le telefonate allo sportello'],
    [t.dev2, 'went_well', 'Le prove con i contribuenti ci hanno fatto trovare subito gli errori'],
    [t.po, 'went_well', 'Tutte le pratiche del ciclo chiuse prima della scadenza'],
    [t.dev, 'to_improve', 'Troppe interruzioni dal telefono durante le ore di lavoro agile'],
    [t.dev2, 'to_improve', 'Le richieste urgenti della Giunta arrivano a ciclo iniziato'],
    [t.sm, 'to_improve', 'La daily scrum a volte supera i quindici minuti'],
    [t.dev2, 'to_improve', 'Il telefono dello sportello squilla anche nei giorni da remoto'],
    [t.sm, 'ideas', 'Una fascia oraria senza telefono, a turno'],
    [t.dev, 'ideas', 'Un modulo unico per le richieste della Giunta, da mettere nel backlog'],
  ];
  const ids: string[] = [];
  for (const [author, column, text] of written) {
    await step();
    ids.push((await cards.add(author, retro.id, { column, text })).id);
  }
  await step();
  await retros.changePhase(t.sm, retro.id, { phase: 'group' });
  const groups: [Actor, string, number[]][] = [
    [t.sm, 'Interruzioni telefoniche', [3, 6, 7]],
    [t.dev2, 'Richieste urgenti a ciclo iniziato', [4, 8]],
    [t.dev, 'Prove con i contribuenti', [0, 1]],
  ];
  for (const [actor, title, members] of groups) {
    await step();
    await cards.group(actor, retro.id, { title, cardIds: members.map((n) => ids[n]) });
  }
  await step();
  await retros.changePhase(t.sm, retro.id, { phase: 'vote' });
  const voted = await retros.get(t.sm, retro.id);
  const groupId = (title: string) => voted.groups.find((g) => g.title === title)!.id;
  const ballots: [Actor, string, number][] = [
    [t.dev, 'Interruzioni telefoniche', 3],
    [t.dev, 'Richieste urgenti a ciclo iniziato', 2],
    [t.dev2, 'Interruzioni telefoniche', 2],
    [t.dev2, 'Richieste urgenti a ciclo iniziato', 3],
    [t.po, 'Richieste urgenti a ciclo iniziato', 2],
    [t.po, 'Prove con i contribuenti', 2],
    [t.sm, 'Interruzioni telefoniche', 1],
  ];
  for (const [actor, title, count] of ballots) {
    for (let i = 0; i < count; i++) {
      await step();
      await votes.cast(actor, retro.id, groupId(title));
    }
  }
  await step();
  await retros.changePhase(t.sm, retro.id, { phase: 'discuss' });
  const notes: [string, string][] = [
    [
      'Interruzioni telefoniche',
      'Il centralino può deviare le chiamate allo sportello fisico nelle ore senza telefono.',
    ],
    [
      'Richieste urgenti a ciclo iniziato',
      'Il responsabile concorda con la Giunta le priorità prima della pianificazione.',
    ],
    ['Prove con i contribuenti', 'Ripetere le prove anche per il modulo TARI.'],
  ];
  for (const [title, text] of notes) {
    await step();
    await discuss.addNote(t.sm, retro.id, { text, groupId: groupId(title) });
  }
  const actions: [string, Actor, number, string][] = [
    [
      'Fascia 9–11 senza telefono, a turno, dal prossimo ciclo',
      t.sm,
      -8,
      'Interruzioni telefoniche',
    ],
    [
      'Modulo unico per le richieste urgenti della Giunta',
      t.po,
      5,
      'Richieste urgenti a ciclo iniziato',
    ],
    ['Calendario delle prove con i contribuenti', t.dev2, 2, 'Prove con i contribuenti'],
  ];
  const made = [];
  for (const [text, owner, due, title] of actions) {
    await step();
    made.push(
      await discuss.createActionItem(t.sm, retro.id, {
        text,
        ownerId: owner.userId,
        dueDate: isoDay(ctx, due),
        groupId: groupId(title),
      }),
    );
  }
  await step();
  await discuss.toBacklog(t.po, retro.id, made[1].id, {
    type: 'task',
    title: 'Modulo unico per le richieste urgenti della Giunta',
  });
  await step();
  await retros.changePhase(t.sm, retro.id, { phase: 'closed' });
}

/** Refinement before Ciclo 3: the team estimates the next three items; the estimates stick. */
export async function seedTributiPoker(ctx: Context): Promise<void> {
  const t = tributi(ctx);
  const [found] = await query(ctx.db, `SELECT 1 FROM poker_sessions WHERE team_id = $1`, [
    t.teamId,
  ]);
  if (found) return;
  const items = await query<{ id: string }>(
    ctx.db,
    `SELECT id FROM backlog_items
      WHERE team_id = $1 AND type <> 'epic' AND sprint_id IS NULL AND status <> 'done' AND archived_at IS NULL
      ORDER BY rank COLLATE "C" LIMIT 3`,
    [t.teamId],
  );
  if (items.length === 0) return;
  const sessions = ctx.app.get(PokerSessionsService);
  const rounds = ctx.app.get(PokerRoundsService);
  const step = () => ctx.after(t.teamId, -8, 10);
  await step();
  const session = await sessions.create(t.sm, t.teamId, {
    deck: 'fibonacci',
    itemIds: items.map((i) => i.id),
    title: 'Stima delle pratiche del Ciclo 3',
  });
  const voters = [t.po, t.dev, t.dev2];
  for (const voter of voters) {
    await step();
    await sessions.join(voter, session.id, { as: 'participant' });
  }
  // [the three cards of each item's first round, the value accepted, a second round?]
  const plays: [string[], string, string[] | null][] = [
    [['5', '8', '5'], '5', null],
    [['2', '8', '3'], '3', ['3', '3', '5']],
    [['8', '8', '8'], '8', null],
  ];
  for (const [n, [first, accepted, second]] of plays.entries()) {
    if (!items[n]) break;
    for (const [round, cards] of [first, second].entries()) {
      if (!cards) continue;
      if (round > 0) {
        await step();
        await rounds.revote(t.sm, session.id);
      }
      for (const [v, voter] of voters.entries()) {
        await step();
        await rounds.vote(voter, session.id, { card: cards[v] });
      }
      await step();
      await rounds.reveal(t.sm, session.id);
    }
    await step();
    await rounds.accept(t.sm, session.id, { card: accepted });
    await step();
    await rounds.advance(t.sm, session.id, 'next');
  }
  await step();
  await sessions.end(t.sm, session.id);
}
