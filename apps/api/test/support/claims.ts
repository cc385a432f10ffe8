import type { HttpClient } from './http-client';
import { selectorsFor } from './annotating';

/** A short article of our own with several checkable sentences, for claim tests. */
export const CLAIMS_ARTICLE = [
  'The river is cleaner than it has been in a century, the city’s water authority said on Monday.',
  '',
  'According to the authority, nitrate levels fell by 42 percent between 2019 and 2024, and the number of fish species counted in the lower reach rose from 11 to 19.',
  '',
  'The mayor told reporters that the city spent $310 million on new treatment plants, “the largest investment in our history”.',
  '',
  'Critics say the improvement owes more to the closure of two paper mills in 2021 than to any public spending. I think the truth lies somewhere in between.',
].join('\n');

/** Body of a claim anchored to `exact` in `text`. */
export const claimOn = (text: string, exact: string, extra: Record<string, unknown> = {}) => ({
  statement: exact,
  target: { selector: selectorsFor(text, exact) },
  ...extra,
});

/** Creates a claim and returns its body, failing loudly otherwise. */
export async function newClaim(as: HttpClient, articleId: string, body: Record<string, unknown>) {
  const res = await as.post(`/api/articles/${articleId}/claims`, body);
  if (res.status !== 201) throw new Error(`claim failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
