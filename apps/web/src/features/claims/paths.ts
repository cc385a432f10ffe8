/** Where a claim opens: the reader with the claim's panel. */
export const claimPath = (articleId: string, claimId: string) => `/articles/${articleId}/claims/${claimId}`;

export const boardPath = (articleId: string) => `/articles/${articleId}/board`;
