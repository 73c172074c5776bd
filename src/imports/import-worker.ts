import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BacklogItemsService } from '../backlog/items/backlog-items.service';
import { LabelsService } from '../backlog/labels/labels.service';
import { DomainError } from '../common/errors/domain-error';
import { TransactionService } from '../database/transaction.service';
import { EventLog } from '../events/event-log';
import type { ImportRowError } from './imports.events';
import { ImportRow, ImportsRepository, PendingRow, toImportSnapshot } from './imports.repository';

/** Items per transaction: a batch commits whole or not at all, with one progress event. */
export const BATCH = 100;
/** Far longer than a batch takes; a job whose server died is taken up again after it. */
const LEASE_MS = 60_000;
const POLL_MS = 2_000;

class LostClaim extends Error {}

/**
 * Runs import jobs in the background, never inside a request. A job is claimed by one instance
 * (lease), then imported batch by batch through BacklogItemsService and LabelsService, so every
 * item gets its `backlog_item.created` event and history like one made by hand. Each batch is
 * one transaction that also marks its rows done and counts the progress, so a job stopped
 * anywhere (a restart, a crash) resumes after its last committed batch. A row the services
 * refuse (its estimate left the team's scale meanwhile…) is recorded as an error of the job and
 * the batch is redone without it.
 */
@Injectable()
export class ImportWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Imports');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly repository: ImportsRepository,
    private readonly items: BacklogItemsService,
    private readonly labels: LabelsService,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** A job was queued (after its commit), or the poll came. */
  kick(): void {
    this.again = true;
    if (this.running || this.stopped) return;
    this.running = this.work()
      .catch((error: unknown) => this.logger.error(`Import worker: ${String(error)}`))
      .finally(() => (this.running = undefined));
  }

  private async work(): Promise<void> {
    while (!this.stopped && this.again) {
      this.again = false;
      for (;;) {
        const claimId = randomUUID();
        const job = await this.repository.claim(claimId, LEASE_MS);
        if (!job) break;
        this.again = true;
        await this.runJob(job, claimId);
        if (this.stopped) return;
      }
    }
  }

  private async runJob(job: ImportRow, claimId: string): Promise<void> {
    try {
      while (!this.stopped) {
        if (await this.batch(job, claimId)) return;
      }
      // Stopping between two batches: free the job at once for the next start.
      await this.repository.release(job.id, claimId);
    } catch (error) {
      if (error instanceof LostClaim) return;
      this.logger.error(`Import ${job.id} failed: ${String(error)}`);
      // Committed batches stay; the job ends as failed (with its event) instead of being retried
      // forever by every instance, and the team may start another import.
      await this.tx
        .run(async (m) => {
          const row = await this.repository.fail(
            m,
            job.id,
            claimId,
            'Internal error: the import stopped',
          );
          if (row)
            await this.events.append(m, {
              teamId: job.team_id,
              type: 'import.completed',
              actorId: job.created_by,
              data: { import: toImportSnapshot(row) },
            });
        })
        .catch((failure: unknown) => this.logger.error(`Import ${job.id}: ${String(failure)}`));
    }
  }

  /** One batch in one transaction; true when the job is finished. */
  private async batch(job: ImportRow, claimId: string): Promise<boolean> {
    const refused = new Map<number, string>();
    for (;;) {
      let current: PendingRow | undefined;
      try {
        return await this.tx.run(async (m) => {
          const rows = await this.repository.pending(m, job.id, BATCH);
          const keys = rows.map((row) => row.source_key);
          const parentKeys = rows.flatMap((row) => row.item.parentKey ?? []);
          const [imported, parents] = await Promise.all([
            this.repository.importedKeys(job.team_id, keys, m),
            this.repository.itemsOf(m, job.team_id, parentKeys),
          ]);
          const errors: ImportRowError[] = [];
          let created = 0;
          let skipped = 0;
          for (const row of rows) {
            current = row;
            const refusal = refused.get(row.position);
            if (refusal !== undefined) {
              errors.push({ sourceKey: row.source_key, message: refusal });
              continue;
            }
            if (imported.has(row.source_key)) {
              skipped += 1;
              continue;
            }
            const { item } = row;
            const labelIds = await this.labels.ensureWithin(
              m,
              job.created_by,
              job.team_id,
              item.labels,
            );
            const made = await this.items.createWithin(
              m,
              job.created_by,
              job.team_id,
              {
                type: item.type,
                title: item.title,
                description: item.description,
                acceptanceCriteria: item.acceptanceCriteria,
                readyChecklist: item.readyChecklist,
                estimate: item.estimate,
                status: item.status,
                labelIds,
                assigneeId: item.assigneeId,
                parentId: item.parentId ?? (item.parentKey ? parents.get(item.parentKey) : null),
              },
              { kind: 'import', id: job.id },
            );
            await this.repository.recordSource(m, job.team_id, row.source_key, made.id, job.id);
            parents.set(row.source_key, made.id);
            imported.add(row.source_key);
            created += 1;
          }
          current = undefined;
          await this.repository.markDone(
            m,
            job.id,
            rows.map((row) => row.position),
          );
          const finished = rows.length < BATCH;
          const counted = { done: rows.length, created, skipped, errors };
          const row = await this.repository.progress(
            m,
            job.id,
            claimId,
            counted,
            LEASE_MS,
            finished,
          );
          if (!row) throw new LostClaim();
          await this.events.append(m, {
            teamId: job.team_id,
            type: finished ? 'import.completed' : 'import.progressed',
            actorId: job.created_by,
            data: { import: toImportSnapshot(row) },
          });
          return finished;
        });
      } catch (error) {
        if (!(error instanceof DomainError) || current === undefined) throw error;
        refused.set(current.position, error.message);
      }
    }
  }
}
