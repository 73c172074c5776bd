import type { ChartTable } from './text';

/**
 * RFC 4180 CSV of a chart's table. Text cells that a spreadsheet would run as a formula
 * (=, +, -, @ first) get a leading apostrophe; numbers stay numbers. `;` for spreadsheets set
 * to Italian, where the comma is the decimal separator.
 */
export function toCsv(table: ChartTable, delimiter: ',' | ';' = ','): string {
  const cell = (value: string | number | null) => {
    if (value === null) return '';
    if (typeof value === 'number') return String(value);
    const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return (
    [table.columns, ...table.rows].map((row) => row.map(cell).join(delimiter)).join('\r\n') + '\r\n'
  );
}
