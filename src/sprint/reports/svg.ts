/**
 * A dependency-free SVG line chart: readable in a browser or an e-mail without a client,
 * labelled in the team's locale (municipal staff read Italian first).
 */
export const LABELS = {
  it: {
    burndown: 'Burndown dello sprint',
    burnup: 'Burnup dello sprint',
    velocity: 'Velocità',
    cfd: 'Flusso cumulativo',
    remaining: 'Rimanente',
    completed: 'Completato',
    scope: 'Perimetro',
    ideal: 'Ideale',
    committed: 'Impegnato',
    points: 'punti',
    items: 'attività',
  },
  en: {
    burndown: 'Sprint burndown',
    burnup: 'Sprint burnup',
    velocity: 'Velocity',
    cfd: 'Cumulative flow',
    remaining: 'Remaining',
    completed: 'Completed',
    scope: 'Scope',
    ideal: 'Ideal',
    committed: 'Committed',
    points: 'points',
    items: 'items',
  },
} as const;

const COLORS = ['#1f6feb', '#2da44e', '#bf8700', '#8c959f', '#cf222e', '#8250df'];

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Series {
  name: string;
  values: (number | null)[];
  dashed?: boolean;
}

export function lineChart(
  title: string,
  xLabels: string[],
  series: Series[],
  yLabel: string,
): string {
  const W = 720;
  const H = 360;
  const L = 56;
  const R = 150;
  const T = 40;
  const B = 50;
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = Math.max(1, ...all);
  const x = (i: number) => L + (xLabels.length <= 1 ? 0 : (i * (W - L - R)) / (xLabels.length - 1));
  const y = (v: number) => T + (H - T - B) * (1 - v / max);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${L}" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
    `<line x1="${L}" y1="${y(0)}" x2="${W - R}" y2="${y(0)}" stroke="#57606a"/>`,
    `<line x1="${L}" y1="${T}" x2="${L}" y2="${y(0)}" stroke="#57606a"/>`,
    `<text x="12" y="${T - 8}">${esc(yLabel)}</text>`,
  ];
  for (const f of [0, 0.5, 1])
    out.push(
      `<text x="${L - 6}" y="${y(max * f) + 4}" text-anchor="end">${Math.round(max * f * 10) / 10}</text>`,
    );
  const step = Math.max(1, Math.ceil(xLabels.length / 10));
  xLabels.forEach((label, i) => {
    if (i % step === 0)
      out.push(`<text x="${x(i)}" y="${H - B + 16}" text-anchor="middle">${esc(label)}</text>`);
  });
  series.forEach((s, n) => {
    const color = COLORS[n % COLORS.length];
    const pts = s.values
      .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
      .filter(Boolean);
    if (pts.length > 0)
      out.push(
        `<polyline fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''} points="${pts.join(' ')}"/>`,
      );
    out.push(`<rect x="${W - R + 12}" y="${T + n * 18}" width="10" height="10" fill="${color}"/>`);
    out.push(`<text x="${W - R + 28}" y="${T + n * 18 + 9}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
