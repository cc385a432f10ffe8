const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** NUL, which PostgreSQL cannot store in text or jsonb, and UTF-16 surrogates without their pair. */
const unstorable = (s: string) => s.includes('\u0000') || UNPAIRED_SURROGATE.test(s);

interface Node {
  value: unknown;
  key?: string;
  parent?: Node;
}

const pathOf = (node: Node): string => {
  const keys: string[] = [];
  for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) keys.push(n.key);
  return keys.reverse().join('.') || 'body';
};

/** The dotted path of the first string (or key) in a parsed JSON body that cannot be stored, if any. */
export function findUnstorableText(body: unknown): string | null {
  // Iterative with parent links, so a deeply nested body costs neither stack nor quadratic time.
  const pending: Node[] = [{ value: body }];
  while (pending.length) {
    const node = pending.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      if (unstorable(value)) return pathOf(node);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (unstorable(key)) return pathOf({ value: child, key, parent: node });
        pending.push({ value: child, key, parent: node });
      }
    }
  }
  return null;
}
