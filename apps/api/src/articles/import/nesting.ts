import { Parser } from 'htmlparser2';
import { Refusal } from '../../infra/workers/task';
import type { TreeReader } from './structure';

/** Deeper than any article's markup; walking deeper trees recursively would exhaust the stack. */
export const MAX_NESTING = 200;

/** The refusal of a body (`field`) whose elements nest more than MAX_NESTING deep. */
export const tooDeep = (field: string) => new Refusal(field, `nests elements more than ${MAX_NESTING} levels deep`);

/**
 * How deeply elements nest in `html` as htmlparser2 reads it (unclosed ones count as still open),
 * in one linear pass that stops once past `limit`: most hostile markup is refused before a tree
 * is built for it. Only a first look: the parsers that build trees nest some markup differently
 * (`<svg><style>` is raw text here, not to parse5), so each tree is measured again once built.
 */
export function nestingDepth(html: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  const parser = new Parser(
    {
      onopentag() {
        depth += 1;
        if (depth > deepest) deepest = depth;
        if (deepest > limit) parser.pause();
      },
      onclosetag() {
        depth -= 1;
      },
    },
    { decodeEntities: false },
  );
  parser.write(html);
  if (deepest <= limit) parser.end();
  return deepest;
}

/** The `<html>` and `<body>` (or `<head>`) a parsed document always has, written or not: not the author's nesting. */
const DOCUMENT_LEVELS = 2;

/**
 * How deeply elements nest in a parsed document, below its `<html>` and `<body>`. An explicit
 * stack rather than recursion, since it measures trees before anything deeper is refused; it
 * stops once past `limit`.
 */
export function documentDepth<N>(document: N, tree: Pick<TreeReader<N>, 'children' | 'tag'>, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: { node: N; depth: number }[] = [{ node: document, depth: 0 }];
  for (let entry = stack.pop(); entry && deepest - DOCUMENT_LEVELS <= limit; entry = stack.pop()) {
    const { node, depth } = entry;
    if (depth > deepest) deepest = depth;
    for (const child of tree.children(node)) if (tree.tag(child) !== null) stack.push({ node: child, depth: depth + 1 });
  }
  return Math.max(0, deepest - DOCUMENT_LEVELS);
}
