import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../common/clock';
import { TransactionService } from '../database/transaction.service';
import { toEnvelope } from '../events/event-log';
import { EventsReader } from '../events/events.reader';
import { NotificationDelivery } from './notification-delivery';
import { REMINDER_LEAD_MINUTES } from './notification-kinds';
import { NotificationReactions, NOTIFYING_TYPES } from './notification-reactions';
import { NotificationSources } from './notification-sources';
import { NotificationsRepository } from './notifications.repository';
import { DigestService } from './digest.service';
import { occurrencesBetween } from './occurrences';

/** How often each instance looks for reminders and digests that are due. */
const TICK_MS = 30_000;
/** The live reaction's head start: the sweep reads only events older than this. */
const SWEEP_DELAY_MS = 60_000;
const SWEEP_BATCH = 500;

/**
 * The clock of notifications: every instance ticks, and the database decides who sends. A
 * reminder's notification rows are unique per (ceremony occurrence, person), a digest claims
 * its (person, day) row before it is built: a second instance, a restart or a late tick finds
 * the work done and adds nothing. Nothing is kept in memory, so a restart loses nothing.
 */
@Injectable()
export class NotificationScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('NotificationScheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly sources: NotificationSources,
    private readonly delivery: NotificationDelivery,
    private readonly digests: DigestService,
    private readonly reactions: NotificationReactions,
    private readonly repo: NotificationsRepository,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly events: EventsReader,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), TICK_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private kick(): void {
    this.running ??= this.tick()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`Tick failed: ${String(error)}`))
      .finally(() => (this.running = undefined));
  }

  /** One pass: reminders first (minutes matter), then the sweep, then digests. */
  async tick(
    now = this.clock.now(),
  ): Promise<{ reminders: number; swept: number; digests: number }> {
    const reminders = await this.reminders(now);
    const swept = await this.sweep(now);
    const digests = await this.digests.sendDue(now);
    return { reminders, swept, digests };
  }

  /**
   * Reactions run in the process that committed, after COMMIT: a crash in between would lose
   * them. So the log is read back, a minute behind, and each notifying event replayed; what
   * the live reaction did is found done (the notifications' unique key), what it lost is done
   * now. One instance sweeps at a time (the watermark row, SKIP LOCKED); the first sweep of an
   * installation starts from its first tick. The number of events read.
   */
  async sweep(now: Date): Promise<number> {
    const until = new Date(now.getTime() - SWEEP_DELAY_MS);
    return this.tx.run(async (m) => {
      const from = await this.repo.lockSweep(m, until);
      if (!from || from >= until) return 0;
      const rows = await this.events.ofTypesBetween(NOTIFYING_TYPES, from, until, SWEEP_BATCH);
      for (const row of rows) await this.reactions.replay(toEnvelope(row));
      // A full batch resumes at its last instant (replaying that instant again changes nothing).
      await this.repo.moveSweep(
        m,
        rows.length === SWEEP_BATCH ? rows[rows.length - 1].occurred_at : until,
      );
      return rows.length;
    });
  }

  /**
   * Ceremonies starting within the next 15 minutes (not those already started: a reminder
   * after the start is noise). Recipients: the invited attendees, else the whole team.
   */
  async reminders(now: Date): Promise<number> {
    const to = new Date(now.getTime() + REMINDER_LEAD_MINUTES * 60_000);
    const rows = await this.sources.ceremonies(now, to);
    let sent = 0;
    for (const { ceremony, startsAt } of occurrencesBetween(rows, now, to)) {
      if (startsAt <= now) continue;
      const recipients =
        ceremony.attendee_ids.length > 0
          ? ceremony.attendee_ids
          : await this.sources.members(ceremony.team_id);
      const created = await this.delivery.notify({
        teamId: ceremony.team_id,
        kind: 'ceremony_starting',
        recipients,
        actorId: null,
        eventId: null,
        sourceKey: `ceremony:${ceremony.id}:${startsAt.toISOString()}`,
        subjectType: 'ceremony',
        subjectId: ceremony.id,
        title: ceremony.title,
        data: {
          startsAt: startsAt.toISOString(),
          timezone: ceremony.timezone,
          ceremonyType: ceremony.type,
        },
        createdAt: now,
      });
      sent += created.length;
    }
    return sent;
  }
}
