/** Query parameters that carry a secret: the calendar feed's token above all (issue 20, item 10). */
const SECRET_PARAMS =
  /^(token|access_token|refresh_token|secret|password|key|api_key|signature|sig|code)$/i;

/** ritmo's own secrets, whatever parameter carries them. */
const SECRET_VALUE = /^ritmo_[a-z]+_/i;

/**
 * The URL as the access log may keep it: every secret query value replaced. A calendar app
 * fetches `…/calendar.ics?token=…` every few minutes; with the token in clear, the log was a
 * list of every member's feed.
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const parts = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = safeDecode(pair.slice(0, eq));
      const value = safeDecode(pair.slice(eq + 1));
      return SECRET_PARAMS.test(name) || SECRET_VALUE.test(value)
        ? `${pair.slice(0, eq)}=[redacted]`
        : pair;
    });
  return `${url.slice(0, at)}?${parts.join('&')}`;
}

/** The parsed query, with the same values replaced. */
export function redactQuery(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [
      name,
      SECRET_PARAMS.test(name) || (typeof value === 'string' && SECRET_VALUE.test(value))
        ? '[redacted]'
        : value,
    ]),
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
