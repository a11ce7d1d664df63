/** The public home of a school's micro-site on a sync server: `<server>/site/<schoolCode>/`. */
export function siteLink(serverUrl: string, schoolCode: string): string {
  return new URL(
    `site/${encodeURIComponent(schoolCode)}/`,
    serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`,
  ).href
}

/** The public page of one article under the site's home (`siteLink`). */
export function articleLink(home: string, articleId: string): string {
  return new URL(`articles/${encodeURIComponent(articleId)}`, home).href
}
