import type { ChartTable as Table, ChartText } from '@ritmo/charts';

/** The chart's data for screen readers and anyone who wants the numbers: the CSV's rows. */
export function ChartTable({
  table,
  caption,
  text,
}: {
  table: Table;
  caption: string;
  text: ChartText;
}) {
  return (
    <div className="table-responsive">
      <table className="table table-sm ritmo-chart-table" data-testid="chart-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => {
                const Cell = c === 0 ? 'th' : 'td';
                // data-value keeps the number as the server sent it; the text is the reader's.
                return (
                  <Cell
                    key={c}
                    {...(c === 0 ? { scope: 'row' } : {})}
                    data-value={cell === null ? '' : String(cell)}
                  >
                    {cell === null ? '—' : typeof cell === 'number' ? text.number(cell) : cell}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
