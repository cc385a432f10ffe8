import * as contracts from '@corroborate/contracts';
import { z } from 'zod';

/** A JSON Schema (draft 2020-12 for OpenAPI 3.1, draft-07 for AsyncAPI 3). */
export type JsonSchema = Record<string, unknown>;

/** Plain strings and numbers (ids, dates) read better inline than as components of their own. */
const NAMED_KINDS = new Set(['object', 'enum', 'union', 'intersection', 'array', 'record', 'literal']);

/**
 * The contracts' schemas as JSON Schema components named after their exports (`Claim`,
 * `ErrorBody`), so a schema nested in another becomes a `$ref` to its own component. `ref`
 * is where a document keeps them (`#/components/schemas/` in both OpenAPI and AsyncAPI).
 */
export class ContractSchemas {
  private readonly registry = z.registry<{ id: string }>();
  private readonly names = new Map<z.ZodType, string>();

  constructor(
    private readonly ref: string,
    private readonly target: 'draft-2020-12' | 'draft-07' = 'draft-2020-12',
  ) {
    for (const [name, value] of Object.entries(contracts)) {
      if (!(value instanceof z.ZodType) || this.names.has(value)) continue;
      if (!NAMED_KINDS.has(value._zod.def.type)) continue;
      this.names.set(value, name);
      this.registry.add(value, { id: name });
    }
  }

  /**
   * A `$ref` to a named contract schema, or the schema itself when it has no name; `input`
   * for what a client sends (its transforms are not part of what is sent).
   */
  schemaFor(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
    const name = this.names.get(schema);
    if (name) return { $ref: `${this.ref}${name}` };
    // An array of a named schema is the common case: keep its items a reference.
    if (schema instanceof z.ZodArray) return { type: 'array', items: this.schemaFor(schema.element as z.ZodType, io) };
    const { $schema: _s, ...converted } = z.toJSONSchema(schema, { target: this.target, io }) as JsonSchema;
    return converted;
  }

  /** The components that `document` reaches, directly or through other components: nothing unused is published. */
  components(document: object): Record<string, JsonSchema> {
    const all = z.toJSONSchema(this.registry, {
      target: this.target,
      io: 'output',
      // Request bodies with transforms are registered too; only the response schemas are published.
      unrepresentable: 'any',
      uri: (id) => `${this.ref}${id}`,
    }).schemas as Record<string, JsonSchema>;
    const used: Record<string, JsonSchema> = {};
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith(this.ref)) {
          const name = value.slice(this.ref.length);
          if (!used[name] && all[name]) {
            const { $schema: _s, $id: _i, id: _id, ...schema } = all[name];
            used[name] = schema;
            visit(schema);
          }
        } else visit(value);
      }
    };
    visit(document);
    return used;
  }
}
