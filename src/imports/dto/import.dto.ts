import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ITEM_TYPES } from '../../backlog/backlog.events';
import { COLUMN_FIELDS } from '../spreadsheet/columns';
import { ENCODINGS } from '../spreadsheet/decode';

/** The multipart form, as OpenAPI shows it (the controller reads the parts as they stream). */
export class ImportUploadDto {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'true: answer the report of what would happen, write nothing',
  })
  dryRun?: boolean;

  @ApiPropertyOptional({ enum: ENCODINGS, default: 'auto' })
  encoding?: string;

  @ApiPropertyOptional({
    description:
      'JSON object header → field, overriding the guess; fields: ' + COLUMN_FIELDS.join(', '),
    example: '{"Oggetto":"title","Note interne":"ignore"}',
  })
  mapping?: string;

  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      'The CSV file (comma or semicolon, UTF-8 or Windows-1252), at most 50 MB; last part',
  })
  file: unknown;
}

export class ColumnMappingDto {
  @ApiProperty({ description: 'The header of the column, as in the file' })
  column: string;

  @ApiProperty({ enum: COLUMN_FIELDS })
  field: string;
}

export class RowProblemDto {
  @ApiProperty({ description: 'Line of the file (1 = the header)' })
  line: number;

  @ApiProperty({ type: String, nullable: true })
  column: string | null;

  @ApiProperty({ example: 'estimate-off-scale' })
  code: string;

  @ApiProperty({ description: "In the reader's language" })
  message: string;
}

export class MatchedPersonDto {
  @ApiProperty()
  email: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  displayName: string;
}

export class PeopleDto {
  @ApiProperty({ type: [MatchedPersonDto] })
  matched: MatchedPersonDto[];

  @ApiProperty({ type: [String], description: 'Emails of no member: items stay unassigned' })
  unmatched: string[];
}

export class ImportCountsDto {
  @ApiProperty({ description: 'Items to create, all kinds' })
  items: number;

  @ApiProperty({
    description: 'Items to create per type',
    example: { story: 3, epic: 1 },
    type: 'object',
    additionalProperties: { type: 'integer' },
    properties: Object.fromEntries(ITEM_TYPES.map((type) => [type, { type: 'integer' }])),
  })
  byType: Record<string, number>;

  @ApiProperty({ type: [String], description: 'Labels the team does not have yet' })
  newLabels: string[];

  @ApiProperty({ description: 'Rows imported before (same id or same cells): not created again' })
  alreadyImported: number;
}

export class ImportReportDto {
  @ApiProperty({ enum: ['csv', 'jira-csv', 'trello-json', 'ritmo-team-export'] })
  format: string;

  @ApiProperty({ enum: ['utf-8', 'windows-1252'] })
  encoding: string;

  @ApiProperty({ type: String, nullable: true, example: ';', description: 'CSV only' })
  delimiter: string | null;

  @ApiProperty({ description: 'Data rows read (the header not counted), or items of an export' })
  rows: number;

  @ApiProperty({ type: [ColumnMappingDto] })
  mapping: ColumnMappingDto[];

  @ApiProperty({ type: [String], description: 'Columns, or parts of an export, not imported' })
  ignoredColumns: string[];

  @ApiProperty({ type: ImportCountsDto })
  create: ImportCountsDto;

  @ApiProperty({ type: [RowProblemDto], description: 'Rows that will not be imported, and why' })
  problems: RowProblemDto[];

  @ApiProperty({ type: PeopleDto })
  people: PeopleDto;
}

export class ImportRowErrorDto {
  @ApiProperty()
  sourceKey: string;

  @ApiProperty()
  message: string;
}

export class ImportDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty({ enum: ['spreadsheet', 'jira', 'trello', 'ritmo'] })
  source: string;

  @ApiProperty()
  fileName: string;

  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] })
  state: string;

  @ApiProperty({ description: 'Items to create' })
  total: number;

  @ApiProperty({ description: 'Items handled so far' })
  done: number;

  @ApiProperty()
  created: number;

  @ApiProperty({ description: 'Found already imported while running' })
  skipped: number;

  @ApiProperty({ type: [ImportRowErrorDto] })
  errors: ImportRowErrorDto[];

  @ApiProperty({ format: 'uuid' })
  createdBy: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: string | null;

  @ApiPropertyOptional({
    type: ImportReportDto,
    description: 'What the file held: in the answer that queued the job only',
  })
  report?: ImportReportDto;
}
