// The micro-site's API beside the replicated documents (DESIGN §7.2), as the server answers it and the desktop reads it.

/** `GET /api/site/address`: where the caller's school's public site is (`PUBLIC_URL`, the school's code). */
export interface SiteAddress {
  code: string
  home: string
}
