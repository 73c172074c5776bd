import type { Resolve, Schema } from './arbitraries';

/**
 * Where `value` departs from `schema` (first few paths), for the documented 2xx responses: a
 * small checker of what a generated client relies on — types, required members, enums.
 */
export function schemaErrors(
  value: unknown,
  schema: Schema,
  resolve: Resolve,
  path = '$',
  strict = true,
): string[] {
  const s = resolve(schema);
  if (value === null) return s.nullable || s.type === undefined ? [] : [`${path} is null`];
  if (s.allOf?.length) {
    const parts = s.allOf.map(resolve);
    const errors = parts.flatMap((part) => schemaErrors(value, part, resolve, path, false));
    if (!strict || typeof value !== 'object' || Array.isArray(value)) return errors;
    const named = new Set(parts.flatMap((part) => Object.keys(part.properties ?? {})));
    if (named.size === 0 || parts.some((part) => part.additionalProperties)) return errors;
    const extra = Object.keys(value).filter((k) => !named.has(k));
    return [...errors, ...extra.map((k) => `${path}.${k} is not documented`)];
  }
  const choices = s.oneOf ?? s.anyOf;
  if (choices?.length) {
    const each = choices.map((c) => schemaErrors(value, c, resolve, path));
    return each.some((e) => e.length === 0) ? [] : each[0];
  }
  if (s.enum?.length && !s.enum.includes(value))
    return [`${path} not in enum: ${JSON.stringify(value)}`];
  switch (s.type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${path} is not a string`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path} is not an integer`];
    case 'number':
      return typeof value === 'number' ? [] : [`${path} is not a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path} is not a boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${path} is not an array`];
      return s.items
        ? value.slice(0, 20).flatMap((v, i) => schemaErrors(v, s.items!, resolve, `${path}[${i}]`))
        : [];
    case 'object':
    case undefined: {
      if (!s.properties) return [];
      if (typeof value !== 'object' || Array.isArray(value)) return [`${path} is not an object`];
      const record = value as Record<string, unknown>;
      const missing = (s.required ?? [])
        .filter((k) => record[k] === undefined)
        .map((k) => `${path}.${k} is missing`);
      const present = Object.entries(s.properties).flatMap(([k, v]) =>
        record[k] === undefined ? [] : schemaErrors(record[k], v, resolve, `${path}.${k}`),
      );
      // A member the document does not name is drift a generated client cannot see (or a leak).
      const undocumented =
        !strict || s.additionalProperties
          ? []
          : Object.keys(record)
              .filter((k) => !(k in s.properties!))
              .map((k) => `${path}.${k} is not documented`);
      return [...missing, ...present, ...undocumented];
    }
    default:
      return [];
  }
}
