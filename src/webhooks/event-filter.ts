import { EVENT_TYPES } from '../events/event-catalogue';

/** `*`, an exact type, or `<aggregate>.*`. */
export function matchesFilter(filters: string[], type: string): boolean {
  return filters.some(
    (filter) =>
      filter === '*' ||
      filter === type ||
      (filter.endsWith('.*') && type.startsWith(filter.slice(0, -1))),
  );
}

/** A filter must name something that exists, so typos are refused rather than silently never matching. */
export function isKnownFilter(filter: string): boolean {
  if (filter === '*') return true;
  if (filter.endsWith('.*'))
    return (EVENT_TYPES as readonly string[]).some((type) => type.startsWith(filter.slice(0, -1)));
  return (EVENT_TYPES as readonly string[]).includes(filter);
}
