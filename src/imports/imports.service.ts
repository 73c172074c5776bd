import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { BacklogAccess } from '../backlog/backlog-access';
import { BacklogItemsService } from '../backlog/items/backlog-items.service';
import { LabelsService } from '../backlog/labels/labels.service';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { RuntimeConfig } from '../config/runtime-config';
import { TransactionService } from '../database/transaction.service';
import { EventLog } from '../events/event-log';
import type { Lang } from '../i18n/locale';
import { Localizer } from '../i18n/localizer.service';
import type { Actor } from '../identity/actor';
import { TeamsService } from '../identity/teams/teams.service';
import { ImportDto, ImportReportDto } from './dto/import.dto';
import { NoFileError, uploadLimitError } from './import-errors';
import { ImportWorker } from './import-worker';
import { UploadOptions, uploadOptions } from './import-options';
import { ImportsRepository, toImportSnapshot } from './imports.repository';
import { guessMapping, normalize } from './spreadsheet/columns';
import { CsvContent, JsonContent, readUpload } from './spreadsheet/csv-reader';
import { asExport, IGNORED_PARTS, parseJson, planExport } from './ritmo/ritmo-plan';
import { isTrelloBoard, planTrello, TRELLO_IGNORED } from './trello/trello-plan';
import { isJiraExport, planJira } from './jira/jira-plan';
import { planSpreadsheet, SpreadsheetPlan, TeamFacts } from './spreadsheet/plan';

/** A part of the multipart upload, as the controller hands it over while it streams. */
export type UploadPart =
  | { kind: 'field'; name: string; value: string }
  | { kind: 'file'; fileName: string; stream: Readable };

export type UploadAnswer =
  { dryRun: true; report: ImportReportDto } | { dryRun: false; job: ImportDto };

const EPIC_PAGE = 200;

const SOURCES = {
  csv: 'spreadsheet',
  'jira-csv': 'jira',
  'trello-json': 'trello',
  'ritmo-team-export': 'ritmo',
} as const;
const sourceOf = (format: string) => SOURCES[format as keyof typeof SOURCES];

@Injectable()
export class ImportsService {
  constructor(
    private readonly access: BacklogAccess,
    private readonly teams: TeamsService,
    private readonly items: BacklogItemsService,
    private readonly labels: LabelsService,
    private readonly repository: ImportsRepository,
    private readonly worker: ImportWorker,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly localizer: Localizer,
    private readonly config: RuntimeConfig,
  ) {}

  /**
   * Reads the upload as it streams (fields first, then the file), plans the import and either
   * answers the plan (dry run: nothing written) or queues the job with its planned rows in one
   * transaction. Importing orders the backlog, so it takes the right to rank it.
   */
  async upload(
    actor: Actor,
    teamId: string,
    parts: AsyncIterable<UploadPart>,
    lang: Lang,
  ): Promise<UploadAnswer> {
    await this.access.team(actor, teamId, 'backlog.rank');
    const fields: Record<string, string> = {};
    let content: CsvContent | JsonContent | undefined;
    let fileName = '';
    let options: UploadOptions | undefined;
    try {
      for await (const part of parts) {
        if (part.kind === 'field') {
          fields[part.name] = part.value;
          continue;
        }
        options = uploadOptions(fields);
        fileName = part.fileName.slice(0, 255) || 'import.csv';
        content = await readUpload(part.stream, options.encoding, this.config.importMaxBytes);
      }
    } catch (error) {
      throw uploadLimitError(error, this.config.importMaxBytes);
    }
    if (!content || !options) {
      uploadOptions(fields);
      throw new NoFileError();
    }
    let plan: SpreadsheetPlan;
    let report: ImportReportDto;
    let json: unknown;
    if (content.kind === 'csv' && isJiraExport(content.header)) {
      const jira = planJira(content, await this.facts(actor, teamId, 'jira:'));
      plan = jira;
      report = this.report(plan, lang, {
        format: 'jira-csv',
        encoding: content.encoding,
        delimiter: content.delimiter,
        rows: content.rows.length,
        mapping: [],
        ignoredColumns: jira.ignoredColumns,
      });
    } else if (content.kind === 'csv') {
      const mapping = guessMapping(content.header, options.mapping);
      options.checkMapping(content.header, mapping);
      plan = planSpreadsheet(content, mapping, await this.facts(actor, teamId, 'sheet:'));
      const columns = Object.entries(mapping).map(([column, field]) => ({ column, field }));
      report = this.report(plan, lang, {
        format: 'csv',
        encoding: content.encoding,
        delimiter: content.delimiter,
        rows: content.rows.length,
        mapping: columns,
        ignoredColumns: columns.filter((c) => c.field === 'ignore').map((c) => c.column),
      });
    } else if (isTrelloBoard((json = parseJson(content.text)))) {
      plan = planTrello(json, await this.facts(actor, teamId, 'trello:'));
      report = this.report(plan, lang, {
        format: 'trello-json',
        encoding: 'utf-8',
        delimiter: null,
        rows: json.cards.length,
        mapping: [],
        ignoredColumns: TRELLO_IGNORED,
      });
    } else {
      const doc = asExport(json);
      plan = planExport(doc, await this.facts(actor, teamId, `ritmo:${doc.team.id}:`));
      report = this.report(plan, lang, {
        format: 'ritmo-team-export',
        encoding: 'utf-8',
        delimiter: null,
        rows: doc.items.length,
        mapping: [],
        ignoredColumns: IGNORED_PARTS,
      });
    }
    if (options.dryRun) return { dryRun: true, report };
    const job = await this.tx.run(async (m) => {
      const row = await this.repository.insert(m, {
        teamId,
        createdBy: actor.userId,
        source: sourceOf(report.format),
        fileName,
        rows: plan.rows,
      });
      if (!row)
        throw new ConflictError(
          'import-in-progress',
          'This team already has an import running: wait for it to finish (GET …/imports/{id})',
        );
      await this.events.append(m, {
        teamId,
        type: 'import.queued',
        actorId: actor.userId,
        data: { import: toImportSnapshot(row) },
      });
      this.tx.afterCommit(m, () => this.worker.kick());
      return row;
    });
    return { dryRun: false, job: { ...toImportSnapshot(job), report } };
  }

  async get(actor: Actor, teamId: string, importId: string): Promise<ImportDto> {
    await this.access.team(actor, teamId, 'team.read');
    const row = await this.repository.find(teamId, importId);
    if (!row) throw new NotFoundError('Import', importId);
    return toImportSnapshot(row);
  }

  /** What the plan needs of the team, read through the owning modules' services. */
  private async facts(actor: Actor, teamId: string, keyPrefix: string): Promise<TeamFacts> {
    const [team, members, labels, imported] = await Promise.all([
      this.teams.get(actor, teamId),
      this.teams.members(actor, teamId),
      this.labels.list(actor, teamId),
      this.repository.sourceKeys(teamId, keyPrefix),
    ]);
    const epics = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await this.items.list(actor, teamId, { type: 'epic', limit: EPIC_PAGE, cursor });
      for (const epic of page.items) epics.set(normalize(epic.title), epic.id);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return {
      pointScale: team.pointScale,
      members: new Map(
        members.map((member) => [
          member.email.toLowerCase(),
          { userId: member.userId, displayName: member.displayName },
        ]),
      ),
      epics,
      imported,
      labels: new Set(labels.map((label) => label.name.toLowerCase())),
    };
  }

  private report(
    plan: SpreadsheetPlan,
    lang: Lang,
    read: Omit<ImportReportDto, 'create' | 'problems' | 'people'>,
  ): ImportReportDto {
    const byType: Record<string, number> = {};
    for (const { item } of plan.rows) byType[item.type] = (byType[item.type] ?? 0) + 1;
    return {
      ...read,
      create: {
        items: plan.rows.length,
        byType,
        newLabels: plan.newLabels,
        alreadyImported: plan.alreadyImported,
      },
      problems: plan.problems.map((problem) => ({
        line: problem.line,
        column: problem.column,
        code: problem.code,
        message: this.localizer.t(lang, `imports.problem.${problem.code}`, problem.args),
      })),
      people: plan.people,
    };
  }
}
