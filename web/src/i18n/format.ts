/** Dates and numbers through Intl: the person's language, the team's timezone. */
export function formatDateTime(
  iso: string | Date,
  lang: string,
  timeZone?: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(lang, { ...options, ...(timeZone ? { timeZone } : {}) }).format(
    date,
  );
}

export function formatDate(iso: string | Date, lang: string, timeZone?: string): string {
  return formatDateTime(iso, lang, timeZone, { dateStyle: 'long' });
}

export function formatNumber(value: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(value);
}

/** "3 minuti fa" / "3 minutes ago". */
export function formatRelative(iso: string, lang: string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}
