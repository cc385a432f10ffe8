import fc from 'fast-check';
import { z } from 'zod';

/** The part of JSON Schema (draft 2020-12) that `z.toJSONSchema` emits for the contracts. */
interface JsonSchema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** The JSON Schema of what a caller may send (`io: 'input'`). */
function toJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    // A pipe's input side drops its output's checks (`Email`'s format and length): keep them, so generated values mostly fit.
    override: ({ zodSchema, jsonSchema }) => {
      const def = zodSchema._zod.def;
      if (def.type !== 'pipe') return;
      const [input, output] = [def.in._zod.def.type, def.out._zod.def.type];
      if (input !== 'string' || output !== 'string') return;
      const { $schema: _, ...checks } = z.toJSONSchema(def.out as z.ZodType) as Record<string, unknown>;
      Object.assign(jsonSchema, checks);
    },
  }) as JsonSchema;
}

const LABEL = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
/** Addresses of the shape zod's `z.email()` accepts. */
const EMAIL = fc.tuple(LABEL, LABEL, fc.stringMatching(/^[a-z]{2,6}$/)).map(([user, host, tld]) => `${user}@${host}.${tld}`);
const DATE = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });

/**
 * `known`: values that exist (ids of a member, a claim…; rating keys), mixed into generated
 * ids and patterned strings they fit, so bodies can refer to real rows.
 */
function stringOf(s: JsonSchema, known: string[]): fc.Arbitrary<string> {
  const base = freeStringOf(s);
  if (!s.pattern && !s.format) return base;
  const pattern = s.pattern ? new RegExp(s.pattern) : /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const fitting = known.filter((v) => pattern.test(v) && v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity));
  return fitting.length ? fc.oneof(base, fc.constantFrom(...fitting)) : base;
}

function freeStringOf(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Math.max(min, 40) + 40;
  const fits = (v: string) => v.length >= min && v.length <= max;
  switch (s.format) {
    case 'email':
      return EMAIL.filter(fits);
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'date':
      return DATE.map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return DATE.map((d) => d.toISOString());
    case 'uri':
      return fc.webUrl().filter(fits);
  }
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  const text = fc.string({ unit: 'grapheme', minLength: min, maxLength: max });
  // Now and then a NUL or a lone surrogate: text the contract allows but PostgreSQL cannot store.
  const unstorable = fc
    .tuple(text, fc.constantFrom('\u0000', '\ud800', '\udfff'))
    .map(([t, bad]) => `${t.slice(0, Math.max(0, max - 1))}${bad}`)
    .filter(fits);
  return fc.oneof({ arbitrary: text, weight: 9 }, { arbitrary: unstorable, weight: 1 });
}

function numberOf(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000_000);
  const high = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000_000);
  if (!integer) return fc.double({ min: low, max: high, noNaN: true, noDefaultInfinity: true });
  // fc.integer is 32-bit; small values (versions that exist, offsets within a text) and the bounds themselves are worth trying most.
  const inner = fc.integer({ min: Math.max(low, -(2 ** 31)), max: Math.min(high, 2 ** 31 - 1) });
  const small = fc.integer({ min: Math.max(low, -10), max: Math.min(high, 10) });
  return fc.oneof({ arbitrary: small, weight: 4 }, { arbitrary: inner, weight: 4 }, { arbitrary: fc.constantFrom(low, high), weight: 1 });
}

/** Values the schema's JSON Schema allows (its refinements aside: filter with safeParse). */
function fits(s: JsonSchema, known: string[], depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union) return fc.oneof(...union.map((branch) => fits(branch, known, depth)));
  if (s.allOf) return fits(Object.assign({}, ...s.allOf), known, depth);
  switch (s.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      return numberOf(s, s.type === 'integer');
    case 'string':
      return stringOf(s, known);
    case 'array': {
      if (s.prefixItems) return fc.tuple(...s.prefixItems.map((item) => fits(item, known, depth + 1)));
      const minLength = s.minItems ?? 0;
      return fc.array(fits(s.items ?? {}, known, depth + 1), { minLength, maxLength: Math.min(s.maxItems ?? 4, minLength + 4) });
    }
    case 'object': {
      const properties = s.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, fits(value, known, depth + 1)])),
        { requiredKeys: (s.required ?? []).filter((key) => key in properties) },
      );
      if (typeof s.additionalProperties !== 'object') return record;
      const keys = s.propertyNames ? (fits(s.propertyNames, known, depth + 1) as fc.Arbitrary<string>) : LABEL;
      return fc.dictionary(keys, fits(s.additionalProperties, known, depth + 1), { maxKeys: 4 });
    }
  }
  return depth > 2 ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
}

/** Strings PostgreSQL cannot store, which a body must never get as far as the database with. */
const UNSTORABLE = fc.constantFrom('nul\u0000byte', 'lone \ud800 surrogate');

/** A value of another JSON type than the schema's. */
function wrongType(s: JsonSchema): fc.Arbitrary<unknown> {
  const others: Record<string, unknown[]> = {
    string: [42, true, null, [], {}],
    integer: ['7', 1.5, true, null, {}],
    number: ['7', true, null, []],
    boolean: ['true', 0, null],
    array: ['[]', {}, 3, null],
    object: [[], 'object', 12, null],
    null: [0, 'null', {}],
  };
  return fc.constantFrom(...(others[s.type ?? ''] ?? [{ unexpected: 'shape' }, 12345]));
}

/** Values that break the schema at one place: a wrong type, a bound overstepped, a key missing, a bad element. */
function breaks(s: JsonSchema, known: string[], depth = 0): fc.Arbitrary<unknown> {
  const ways: fc.Arbitrary<unknown>[] = [wrongType(s)];
  if (s.enum) ways.push(fc.constant('not-one-of-these'));
  const union = s.anyOf ?? s.oneOf;
  if (union) ways.push(...union.map((branch) => breaks(branch, known, depth)));
  if (s.type === 'string') {
    ways.push(UNSTORABLE);
    if (s.minLength) ways.push(fc.constant('x'.repeat(s.minLength - 1)));
    // Longer limits would only grow the body; the bound is the same code either way.
    if (s.maxLength !== undefined && s.maxLength <= 5_000) ways.push(fc.constant('y'.repeat(s.maxLength + 1)));
    if (s.pattern || s.format) ways.push(fc.constantFrom('not-a-match', '2020-13-45', '00000000-0000-0000-0000'));
  }
  if (s.type === 'integer' || s.type === 'number') {
    if (s.type === 'integer') ways.push(fc.constant(1.5));
    if (s.minimum !== undefined) ways.push(fc.constant(s.minimum - 1));
    if (s.maximum !== undefined) ways.push(fc.constant(s.maximum + 1));
  }
  if (s.type === 'array' && depth < 3) {
    const item = s.items ?? s.prefixItems?.[0];
    if (item) ways.push(fc.tuple(breaks(item, known, depth + 1), fits(s, known, depth)).map(([bad, good]) => [bad, ...(good as unknown[])]));
    if (s.maxItems !== undefined && s.maxItems <= 100) {
      ways.push(fc.array(fits(item ?? {}, known, depth + 1), { minLength: s.maxItems + 1, maxLength: s.maxItems + 1 }));
    }
  }
  if (s.type === 'object' && s.properties && depth < 3) {
    const whole = fits(s, known, depth) as fc.Arbitrary<Record<string, unknown>>;
    for (const [key, value] of Object.entries(s.properties)) {
      ways.push(whole.chain((good) => breaks(value, known, depth + 1).map((bad) => ({ ...good, [key]: bad }))));
      if (s.required?.includes(key)) ways.push(whole.map(({ [key]: _, ...rest }) => rest));
    }
  }
  return fc.oneof(...ways);
}

/** JSON bodies for a contract schema: ones it accepts, and ones it refuses; `known` values are mixed in where they fit. */
export function bodiesFor(schema: z.ZodType, known: string[] = []): { valid: fc.Arbitrary<unknown>; invalid: fc.Arbitrary<unknown> } {
  const json = toJsonSchema(schema);
  // Sent as JSON, so judged as JSON (no undefined, no -0).
  const asSent = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
  return {
    valid: fits(json, known).map(asSent).filter((body) => schema.safeParse(body).success),
    invalid: breaks(json, known).map(asSent).filter((body) => !schema.safeParse(body).success),
  };
}
