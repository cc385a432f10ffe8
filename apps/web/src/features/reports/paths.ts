/** The article's report page: preview, downloads, publishing and share links. */
export const reportPath = (articleId: string) => `/articles/${articleId}/report`;
