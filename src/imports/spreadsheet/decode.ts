import { Transform, TransformCallback } from 'node:stream';
import * as iconv from 'iconv-lite';
import { EncodingError, ImportFormatError } from '../import-errors';

export type TextEncoding = 'utf-8' | 'windows-1252';
/** What a client may name in `encoding`; `auto` looks at the bytes. */
export const ENCODINGS = ['auto', 'utf-8', 'windows-1252'] as const;
export type EncodingChoice = (typeof ENCODINGS)[number];

/** Enough bytes to tell the format, the encoding and the delimiter from the start of the file. */
export const SNIFF_BYTES = 64 * 1024;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * The encoding of a file from its first bytes: a UTF-8 BOM or valid UTF-8 is UTF-8, anything
 * else Windows-1252 (what Excel writes for "CSV" on an Italian Windows). A file that is not text
 * at all (a zip such as XLSX or ODS, a PDF, NUL bytes) is refused here, before any parsing.
 */
export function sniffEncoding(head: Buffer, complete: boolean): TextEncoding {
  if (head.subarray(0, 4).equals(ZIP))
    throw new ImportFormatError(
      'This is an XLSX or ODS workbook: save the sheet as CSV (comma or semicolon separated) and send that',
      { format: 'xlsx' },
    );
  if (head.subarray(0, 5).toString('latin1') === '%PDF-' || head.includes(0))
    throw new ImportFormatError('The file is not text: send a CSV file', { format: 'binary' });
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  try {
    // A sample may end inside a multi-byte character: stream mode keeps that tail pending.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * Bytes → text in the chosen encoding, refusing invalid UTF-8 anywhere in the file (not only
 * in the sniffed head), so a file is never imported with replacement characters in it.
 */
export function decoder(encoding: TextEncoding): Transform {
  if (encoding === 'windows-1252') return iconv.decodeStream('win1252') as unknown as Transform;
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        done(null, utf8.decode(chunk, { stream: true }));
      } catch {
        done(new EncodingError('UTF-8'));
      }
    },
    flush(done: TransformCallback) {
      try {
        done(null, utf8.decode());
      } catch {
        done(new EncodingError('UTF-8'));
      }
    },
  });
}

/**
 * The delimiter of the first line: the one of `;`, `,` and tab that occurs most outside quotes.
 * Excel in Italy writes `;` (the comma is the decimal separator); elsewhere `,`.
 */
export function sniffDelimiter(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as keyof typeof counts] += 1;
  }
  if (counts[';'] >= counts[','] && counts[';'] >= counts['\t'] && counts[';'] > 0) return ';';
  return counts['\t'] > counts[','] ? '\t' : ',';
}
