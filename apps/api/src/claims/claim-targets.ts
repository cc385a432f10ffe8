import type { TargetInput } from '@corroborate/contracts';
import { resolveSelectors, type Anchor } from '../annotations/anchoring';
import { AppError } from '../infra/errors/app-error';

/**
 * Resolves a claim's spans (`target`, then each of `targets`) against the latest text, with
 * the same rules as annotations; an error names the span it is about (`targets.2.selector`).
 */
export function anchorTargets(text: string, body: { target?: TargetInput; targets?: TargetInput[] }): Anchor[] {
  const listed: [string, TargetInput][] = [
    ...(body.target ? ([['target', body.target]] as [string, TargetInput][]) : []),
    ...(body.targets ?? []).map((t, i): [string, TargetInput] => [`targets.${i}`, t]),
  ];
  const anchors = listed.map(([path, target]) => {
    try {
      return resolveSelectors(text, target.selector);
    } catch (error) {
      if (!(error instanceof AppError) || path === 'target') throw error;
      const details = error.details?.map((d) => ({ ...d, path: d.path.replace(/^target/, path) }));
      throw new AppError(error.code, error.message.replace(/^target/, path), details);
    }
  });
  // The same span twice is one span.
  return anchors.filter((a, i) => anchors.findIndex((b) => b.start === a.start && b.end === a.end) === i);
}
