/**
 * The calendar side of the demo, through the real services: the Scrum teams' cadence (set
 * before their sprints, so the sprint hook lays out each sprint's ceremonies with it), and the
 * Ufficio Tributi's daily scrums and impediments in the running cycle. A day's entries are
 * written while the cycle runs (`runSprint` calls `seedTributiDay` in date order); the part
 * `seedTributiDailies` fills in the days a demo made before this part lacks.
 */
import { CalendarService } from '../../src/ceremony/calendar/calendar.service';
import { sprintCeremonies } from '../../src/ceremony/calendar/schedule';
import { ceremonyTexts } from '../../src/ceremony/calendar-texts';
import { DailyService } from '../../src/ceremony/daily/daily.service';
import { ImpedimentsService } from '../../src/ceremony/daily/impediments.service';
import { query } from '../../src/database/sql';
import type { Actor } from '../../src/identity/actor';
import { DEMO_DOMAIN, TEAMS } from './demo-data';
import type { Context } from './seed';

const DAY = 86_400_000;

/** Daily at 09:00 on weekdays, two-week sprints: before any sprint exists. */
export async function seedCadence(ctx: Context): Promise<void> {
  const calendar = ctx.app.get(CalendarService);
  for (const spec of TEAMS.filter((t) => t.process === 'scrum')) {
    const teamId = ctx.teams.get(spec.key)!;
    const [found] = await query(ctx.db, `SELECT 1 FROM team_cadences WHERE team_id = $1`, [teamId]);
    if (found) continue;
    await ctx.after(teamId, -59, 10);
    await calendar.updateCadence(ctx.people.get(`${spec.key}.scrum_master`)!, teamId, 0, {
      sprintLengthDays: 14,
      dailyTime: '09:00',
      workingDays: [1, 2, 3, 4, 5],
    });
  }
}

/**
 * The running sprints' ceremonies. Creating a sprint lays them out (the sprint hook), so this
 * adds them only to a sprint made before the calendar existed: the same plan, by hand.
 */
export async function seedUpcomingCeremonies(ctx: Context): Promise<void> {
  const calendar = ctx.app.get(CalendarService);
  for (const spec of TEAMS.filter((t) => t.process === 'scrum')) {
    const teamId = ctx.teams.get(spec.key)!;
    const sm = ctx.people.get(`${spec.key}.scrum_master`)!;
    const sprints = await query<{ id: string; name: string; start: string; end: string | null }>(
      ctx.db,
      `SELECT s.id, s.name, to_char(s.start_date, 'YYYY-MM-DD') AS start,
              to_char(s.end_date, 'YYYY-MM-DD') AS "end"
         FROM sprints s
        WHERE s.team_id = $1 AND s.state = 'active' AND s.start_date IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ceremonies c WHERE c.team_id = s.team_id AND c.sprint_id = s.id)`,
      [teamId],
    );
    if (sprints.length === 0) continue;
    const cadence = await calendar.cadence(sm, teamId);
    for (const sprint of sprints) {
      for (const planned of sprintCeremonies(sprint.start, sprint.end, cadence)) {
        await ctx.after(teamId, -1, 20);
        await calendar.create(sm, teamId, {
          type: planned.type,
          title: ceremonyTexts.title('it', planned.type, sprint.name),
          startsAt: planned.startsAt.toISOString(),
          endsAt: planned.endsAt.toISOString(),
          recurrence: planned.recurrence ?? undefined,
          sprintId: sprint.id,
        });
      }
    }
  }
}

/** The running cycle's past days (from the day after it started to yesterday). */
export const TRIBUTI_DAILY_DAYS = [-5, -4, -3, -2, -1];

const ANSWERS: Record<'dev' | 'dev2' | 'sm', [string, string, string][]> = {
  dev: [
    ['Bozza delle aliquote IMU 2026', 'Verifica delle aliquote con la Ragioneria', ''],
    ['Aliquote IMU pubblicate in prova', 'Guida per le seconde case', ''],
    [
      'Prima parte della guida seconde case',
      'Esempi di calcolo per la guida',
      'Mi serve l’accesso alla banca dati catastale',
    ],
    ['Esempi di calcolo', 'Revisione della guida con lo sportello', ''],
    ['Revisione della guida', 'Pubblicazione sul sito del Comune', ''],
  ],
  dev2: [
    ['Analisi del modulo F24', 'Prototipo del modulo F24', 'Da casa la VPN è molto lenta'],
    ['Prototipo del modulo F24', 'Prova con due contribuenti', ''],
    ['Prova con i contribuenti', 'Correzioni al modulo F24', ''],
    ['Correzioni al modulo F24', 'Modulo F24 allo sportello', ''],
    ['Modulo F24 consegnato', 'Istruttoria compostaggio domestico', ''],
  ],
  sm: [
    ['Pianificazione del ciclo', 'Fascia senza telefono: turni della settimana', ''],
    ['Turni senza telefono', 'Segnalazione VPN al Servizio Informatico', ''],
    ['Segnalazione VPN', 'Richiesta accesso catasto per la nuova collega', ''],
    ['Richiesta accesso catasto', 'Preparazione della revisione del ciclo', ''],
    ['VPN risolta con il Servizio Informatico', 'Preparazione della revisione del ciclo', ''],
  ],
};

function weekday(ctx: Context, n: number): number {
  return new Date(ctx.today.getTime() + n * DAY).getUTCDay();
}

function isoDay(ctx: Context, n: number): string {
  return new Date(ctx.today.getTime() + n * DAY).toISOString().slice(0, 10);
}

/**
 * One working day of the running cycle: the answers of whoever has not posted yet, and the
 * impediments raised or resolved that day. The caller has set the Clock.
 */
export async function seedTributiDay(ctx: Context, n: number): Promise<void> {
  const index = TRIBUTI_DAILY_DAYS.indexOf(n);
  if (index < 0 || weekday(ctx, n) === 0 || weekday(ctx, n) === 6) return;
  const teamId = ctx.teams.get('tributi')!;
  const date = isoDay(ctx, n);
  const people: [keyof typeof ANSWERS, Actor][] = [
    ['sm', ctx.people.get('tributi.scrum_master')!],
    ['dev', ctx.people.get('tributi.developer')!],
    ['dev2', ctx.people.get(`developer2.tributi@${DEMO_DOMAIN}`)!],
  ];
  const posted = new Set(
    (
      await query<{ user_id: string }>(
        ctx.db,
        `SELECT user_id FROM daily_scrum_entries WHERE team_id = $1 AND day = $2`,
        [teamId, date],
      )
    ).map((r) => r.user_id),
  );
  const daily = ctx.app.get(DailyService);
  for (const [who, actor] of people) {
    if (posted.has(actor.userId)) continue;
    const [done, plan, impediments] = ANSWERS[who][index];
    await daily.post(actor, teamId, date, { done, plan, impediments });
  }
  await seedImpediments(ctx, teamId, n, people[0][1], people[2][1], people[1][1]);
}

const VPN = 'VPN lenta dal lavoro agile: il gestionale tributi si blocca';
const CATASTO = 'Manca l’accesso alla banca dati catastale per la nuova collega';

async function seedImpediments(
  ctx: Context,
  teamId: string,
  n: number,
  sm: Actor,
  dev2: Actor,
  dev: Actor,
): Promise<void> {
  const impediments = ctx.app.get(ImpedimentsService);
  const existing = await query<{ id: string; title: string; status: string; version: number }>(
    ctx.db,
    `SELECT id, title, status, version FROM impediments WHERE team_id = $1`,
    [teamId],
  );
  // Raised on the first working days, the VPN fixed on the last one (weekends fall anywhere).
  const working = TRIBUTI_DAILY_DAYS.filter((d) => weekday(ctx, d) !== 0 && weekday(ctx, d) !== 6);
  const vpn = existing.find((i) => i.title === VPN);
  if (n >= working[0] && !vpn) {
    await impediments.create(dev2, teamId, {
      title: VPN,
      description: 'Da casa il gestionale impiega minuti ad aprire una pratica.',
      ownerId: sm.userId,
    });
  }
  if (n >= working[working.length - 1] && vpn?.status === 'open') {
    await impediments.update(sm, vpn.id, vpn.version, { status: 'resolved' });
  }
  if (n >= working[1] && !existing.some((i) => i.title === CATASTO)) {
    await impediments.create(dev, teamId, {
      title: CATASTO,
      description: 'La richiesta è stata inviata all’Agenzia delle Entrate, in attesa di risposta.',
      ownerId: sm.userId,
    });
  }
}

/** For a demo whose running cycle was made before the daily scrums: its days, dated after it. */
export async function seedTributiDailies(ctx: Context): Promise<void> {
  const teamId = ctx.teams.get('tributi')!;
  for (const n of TRIBUTI_DAILY_DAYS) {
    await ctx.after(teamId, n, 9);
    await seedTributiDay(ctx, n);
  }
}
