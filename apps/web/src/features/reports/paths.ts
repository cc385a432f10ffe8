/** The article's report page: preview, downloads, publishing and share links. */
export const reportPath = (articleId: string) => `/articles/${articleId}/report`;

/** A published snapshot by its number: where ClaimReview's claim URLs point. */
export const snapshotPath = (articleId: string, number: number) => `/articles/${articleId}/reports/${number}`;
