import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, CsvError } from 'csv-parse';
import * as iconv from 'iconv-lite';
import { DomainError } from '../../common/errors/domain-error';
import { FileTooLargeError, ImportFormatError, MalformedCsvError } from '../import-errors';
import {
  decoder,
  EncodingChoice,
  sniffDelimiter,
  sniffEncoding,
  SNIFF_BYTES,
  TextEncoding,
} from './decode';

export interface CsvContent {
  kind: 'csv';
  encoding: TextEncoding;
  delimiter: string;
  header: string[];
  /** Each data row with the line it starts on (1 = the header). */
  rows: { line: number; cells: string[] }[];
}

/** A JSON document (a ritmo team export), whole: JSON is not read row by row. */
export interface JsonContent {
  kind: 'json';
  text: string;
}

/** `{` first, after an optional BOM and blanks. */
function looksLikeJson(head: Buffer): boolean {
  const text = head
    .subarray(0, 256)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return text.trimStart().startsWith('{');
}

/** A file stream that stopped at the multipart size limit (@fastify/multipart). */
function tooLarge(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE';
}

const CSV_REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote in the middle of a cell (write it as two quotes)',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the line has more cells than the header',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'the line has more cells than the header',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text after the closing quote of a cell',
};

/**
 * Reads an upload as it streams in. A JSON document (a ritmo export) is read whole; a CSV: the first 64 KB decide the encoding (unless named) and
 * the delimiter, then bytes flow through the decoder into csv-parse. Only the parsed rows are
 * kept. Any fault (size, bytes, a broken line) is thrown as the domain error a client reads.
 */
export async function readUpload(
  file: Readable,
  encodingChoice: EncodingChoice,
  maxBytes: number,
): Promise<CsvContent | JsonContent> {
  // busboy stops a file at the size limit with 'limit' and ends it quietly (truncated): stop here.
  let limited = false;
  file.once('limit', () => (limited = true));
  const over = () => limited || (file as Readable & { truncated?: boolean }).truncated === true;
  const source = file[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let ended = false;
  try {
    while (headLength < SNIFF_BYTES) {
      const next = await source.next();
      if (next.done) {
        ended = true;
        break;
      }
      headChunks.push(next.value);
      headLength += next.value.length;
    }
  } catch (error) {
    throw tooLarge(error) ? new FileTooLargeError(maxBytes) : error;
  }
  if (over()) throw new FileTooLargeError(maxBytes);
  const head = Buffer.concat(headChunks);
  if (head.length === 0) throw new ImportFormatError('The file is empty', { format: 'empty' });
  if (looksLikeJson(head)) {
    const chunks: Buffer[] = [head];
    while (!ended) {
      const next = await source.next().catch((error: unknown) => {
        throw tooLarge(error) ? new FileTooLargeError(maxBytes) : error;
      });
      if (over()) throw new FileTooLargeError(maxBytes);
      if (next.done) break;
      chunks.push(next.value);
    }
    return { kind: 'json', text: Buffer.concat(chunks).toString('utf8') };
  }
  const sniffed = sniffEncoding(head, ended);
  const encoding = encodingChoice === 'auto' ? sniffed : encodingChoice;
  const delimiter = sniffDelimiter(iconv.decode(head.subarray(0, 8192), encoding));

  async function* bytes(): AsyncGenerator<Buffer> {
    yield head;
    if (ended) return;
    for (;;) {
      const next = await source.next();
      if (over()) throw new FileTooLargeError(maxBytes);
      if (next.done) return;
      yield next.value;
    }
  }

  const records: { line: number; cells: string[] }[] = [];
  const parser = parse({
    delimiter,
    bom: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    relax_column_count_less: true,
    info: true,
  });
  parser.on('data', (record: { record: string[]; info: { lines: number } }) =>
    records.push({ line: record.info.lines, cells: record.record.map((cell) => cell.trim()) }),
  );
  try {
    await pipeline(bytes(), decoder(encoding), parser);
  } catch (error) {
    if (tooLarge(error)) throw new FileTooLargeError(maxBytes);
    if (error instanceof DomainError) throw error;
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      throw new MalformedCsvError(line, CSV_REASONS[error.code] ?? 'the line cannot be read');
    }
    throw error;
  }
  const [first, ...rows] = records;
  if (!first) throw new ImportFormatError('The file is empty', { format: 'empty' });
  return { kind: 'csv', encoding, delimiter, header: first.cells, rows };
}
