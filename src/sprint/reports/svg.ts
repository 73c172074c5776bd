import type { Lang } from '../../i18n/locale';
import type { Localizer } from '../../i18n/localizer.service';
import type { Terms } from '../../i18n/vocabulary';

/**
 * A dependency-free SVG line chart: readable in a browser or an e-mail without a client,
 * labelled in the team's locale (municipal staff read Italian first).
 */
const LABEL_KEYS = [
  'burndown',
  'burnup',
  'velocity',
  'cfd',
  'remaining',
  'completed',
  'scope',
  'ideal',
  'committed',
  'points',
  'items',
] as const;
export type ChartLabels = Record<(typeof LABEL_KEYS)[number], string> & {
  /** Axis numbers and day labels as the reader writes them. */
  number: (value: number) => string;
  day: (date: string) => string;
};

/** The chart's words in the reader's language, with the team's own terms (src/i18n/<lang>/reports.json). */
export function chartLabels(localizer: Localizer, lang: Lang, terms: Terms): ChartLabels {
  const labels = Object.fromEntries(
    LABEL_KEYS.map((key) => [key, localizer.t(lang, `reports.${key}`, terms)]),
  ) as Record<(typeof LABEL_KEYS)[number], string>;
  return {
    ...labels,
    number: (value) => localizer.formatNumber(lang, value, { maximumFractionDigits: 1 }),
    day: (date) => localizer.formatDate(lang, date, { day: 'numeric', month: 'short' }),
  };
}

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
  formatNumber: (value: number) => string = (value) => String(Math.round(value * 10) / 10),
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
      `<text x="${L - 6}" y="${y(max * f) + 4}" text-anchor="end">${esc(formatNumber(max * f))}</text>`,
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
