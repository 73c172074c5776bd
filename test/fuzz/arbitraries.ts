import fc from 'fast-check';

/** A JSON Schema as found in the OpenAPI document (only what the generator reads). */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
}

export type Resolve = (schema: Schema) => Schema;

/** Nested `depth` levels deep: `{"a":{"a":…}}` or `[[[…]]]`. */
function nested(depth: number, array: boolean): unknown {
  let value: unknown = 'fondo';
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  return value;
}

/** Own `__proto__` keys survive only through JSON.parse (an object literal sets the prototype). */
const PROTO = JSON.parse('{"__proto__":{"isInstanceAdmin":true,"role":"admin"}}') as object;

export const HOSTILE_STRINGS = [
  'x'.repeat(100_000),
  '',
  ' ',
  '\u0000',
  'nul\u0000byte',
  '\ud800',
  'a\udc00b',
  '\u202egnirts lanigiro',
  'zero\u200bwidth\u200d',
  '\ufeffbom',
  '👩‍👩‍👧‍👦🇮🇹',
  'مرحبا بالعالم',
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '$1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '{{7*7}}${7*7}',
  'NaN',
  'Infinity',
  '1e9999',
  '-0',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  'ffffffff-ffff-ffff-ffff-ffffffffffffff',
  '2026-02-30T25:61:61Z',
  '__proto__',
  'constructor',
];

const HOSTILE_NUMBERS = [
  -1,
  0,
  -0,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

/** Values that are wrong almost everywhere. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, PROTO, { constructor: { prototype: { x: 1 } } }),
  fc.constantFrom(
    Array.from({ length: 20_000 }, (_, i) => i),
    Array.from({ length: 2_000 }, () => 'voce'),
    nested(2_000, false),
    nested(2_000, true),
    nested(40, false),
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.integer(),
  fc.anything({ maxDepth: 3 }),
);

/** A value the schema accepts (mostly: formats such as email are approximated). */
export function valid(schema: Schema, resolve: Resolve, ids: string[]): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.allOf?.length) return valid(Object.assign({}, ...s.allOf.map(resolve)), resolve, ids);
  const choices = s.oneOf ?? s.anyOf;
  if (choices?.length) return fc.oneof(...choices.map((c) => valid(c, resolve, ids)));
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(s.items ? valid(s.items, resolve, ids) : fc.string(), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 5, 5),
      });
    case 'object':
    case undefined:
      if (!s.properties) return fc.constant({});
      return fc.record(
        Object.fromEntries(
          Object.entries(s.properties).map(([k, v]) => [k, valid(v, resolve, ids)]),
        ),
        { requiredKeys: s.required ?? [] },
      );
    default:
      return validString(s, ids);
  }
}

function validString(s: Schema, ids: string[]): fc.Arbitrary<unknown> {
  switch (s.format) {
    case 'uuid':
      return ids.length ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
    case 'date-time':
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl({ validSchemes: ['https'] });
    case undefined:
    default:
      return fc.string({
        unit: 'grapheme',
        minLength: Math.max(s.minLength ?? 1, 1),
        maxLength: Math.min(s.maxLength ?? 60, 60),
      });
  }
}

/** A valid body broken in one place: a field dropped, retyped, hostile, or one too many. */
export function mutated(
  body: fc.Arbitrary<unknown>,
): fc.Arbitrary<{ body: unknown; extra: boolean }> {
  return fc
    .tuple(body, fc.nat(), hostileValue, fc.constantFrom('drop', 'hostile', 'extra', 'wrap'))
    .map(([value, n, hostile, how]) => {
      if (how === 'wrap' || value === null || typeof value !== 'object' || Array.isArray(value)) {
        return { body: how === 'wrap' ? [value] : hostile, extra: false };
      }
      const copy = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const key = keys.length ? keys[n % keys.length] : 'campo';
      if (how === 'drop') delete copy[key];
      else if (how === 'hostile') copy[key] = hostile;
      else copy[`sconosciuto_${n % 7}`] = hostile;
      return { body: copy, extra: how === 'extra' };
    });
}

/** Raw bodies that are not the JSON they claim to be. */
export const RAW_BODIES = [
  // 1 MB of nesting: too deep for anything that recurses.
  `${'['.repeat(400_000)}${']'.repeat(400_000)}`,
  `${'{"a":'.repeat(150_000)}1${'}'.repeat(150_000)}`,
  '{',
  '{"a":NaN}',
  'null',
  '"testo"',
  '123',
  '[]',
  '{"a":1}{"b":2}',
  '',
];
