/** The public page of one article under the site's home (`GET /api/site/address`). */
export function articleLink(home: string, articleId: string): string {
  return new URL(`articles/${encodeURIComponent(articleId)}`, home).href
}
