import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import {
  NotFoundError,
  ValidationFailedError,
  type FieldError,
  withTranslationKey,
} from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import type { Actor } from '../../identity/actor';
import { EventLog } from '../../events/event-log';
import { CeremonyAccess } from '../ceremony-access';
import { toCadenceSnapshot } from '../ceremony.mapper';
import { CeremonyRepository } from '../ceremony.repository';
import type { DailyEntryDto, DailySummaryDto } from '../dto/daily.dto';
import { DailyRepository, EntryRow } from './daily.repository';

const MAX_ANSWER = 4000;

/**
 * The daily scrum's written side: each member answers the team's prompts for a date, before or
 * during the live session (the event then names the session). Posting again replaces the answers.
 */
@Injectable()
export class DailyService {
  constructor(
    private readonly access: CeremonyAccess,
    private readonly ceremonies: CeremonyRepository,
    private readonly repo: DailyRepository,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
  ) {}

  async post(actor: Actor, teamId: string, date: string, answers: unknown): Promise<DailyEntryDto> {
    await this.access.team(actor, teamId, 'ceremony.participate');
    const day = checkDate(date);
    return this.tx.run(async (m) => {
      const team = await this.ceremonies.team(teamId, m);
      if (!team) throw new NotFoundError('Team', teamId);
      const cadence = toCadenceSnapshot(team, await this.ceremonies.cadence(teamId, m));
      const clean = checkAnswers(
        answers,
        cadence.dailyPrompts.map((p) => p.key),
      );
      await this.repo.saveEntry(m, teamId, day, actor.userId, clean);
      const live = await this.ceremonies.liveDailySession(m, teamId);
      await this.events.append(m, {
        teamId,
        type: 'daily_scrum.entry_posted',
        actorId: actor.userId,
        data: { date: day, userId: actor.userId, answers: clean, sessionId: live?.id ?? null },
      });
      const mine = (await this.repo.entries(teamId, day, m)).find(
        (e) => e.user_id === actor.userId,
      ) as EntryRow;
      return toEntryDto(day, mine);
    });
  }

  async summary(actor: Actor, teamId: string, date: string): Promise<DailySummaryDto> {
    await this.access.team(actor, teamId, 'team.read');
    const day = checkDate(date);
    const team = await this.ceremonies.team(teamId);
    if (!team) throw new NotFoundError('Team', teamId);
    const cadence = toCadenceSnapshot(team, await this.ceremonies.cadence(teamId));
    const entries = await this.repo.entries(teamId, day);
    const posted = new Set(entries.map((e) => e.user_id));
    const members = await this.repo.dailyMembers(teamId);
    return {
      teamId,
      date: day,
      prompts: cadence.dailyPrompts,
      entries: entries.map((e) => toEntryDto(day, e)),
      missing: members
        .filter((u) => !posted.has(u.user_id))
        .map((u) => ({ userId: u.user_id, displayName: u.display_name })),
    };
  }
}

function toEntryDto(date: string, row: EntryRow): DailyEntryDto {
  return {
    date,
    userId: row.user_id,
    displayName: row.display_name,
    answers: row.answers,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A calendar date, YYYY-MM-DD, that exists (not 2026-02-30). */
export function checkDate(date: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? DateTime.fromISO(date) : undefined;
  if (!parsed?.isValid || parsed.year < 1970)
    throw new ValidationFailedError([
      withTranslationKey(
        { field: 'date', message: `is not a date (YYYY-MM-DD): ${date.slice(0, 40)}` },
        'isPlainDate',
      ),
    ]);
  return date;
}

/** Every answer is text keyed by one of the team's prompt keys; missing keys are empty. */
function checkAnswers(answers: unknown, keys: string[]): Record<string, string> {
  const errors: FieldError[] = [];
  const given = answers as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    if (!keys.includes(key))
      errors.push(
        withTranslationKey(
          {
            field: `answers.${key.slice(0, 40)}`,
            message: `is not a prompt of this team (prompts: ${keys.join(', ')})`,
          },
          'dailyPrompt',
          { prompts: keys.join(', ') },
        ),
      );
    else if (typeof value !== 'string' || value.length > MAX_ANSWER)
      errors.push(
        withTranslationKey(
          { field: `answers.${key}`, message: `must be text of at most ${MAX_ANSWER}` },
          'maxLength',
          { 0: MAX_ANSWER },
        ),
      );
  }
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return Object.fromEntries(keys.map((k) => [k, typeof given[k] === 'string' ? given[k] : '']));
}
