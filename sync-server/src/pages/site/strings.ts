import { LANG_LABELS, MOBILE_LANGS, type MobileLang } from '../m/strings.ts'

/** The micro-site speaks the languages of the phone pages, chosen the same way (`langOf`). */
export type SiteLang = MobileLang

export const SITE_LANGS: readonly SiteLang[] = MOBILE_LANGS

export interface SiteStrings {
  htmlLang: string
  home: string
  banners: string
  hot: string
  latest: string
  more: string
  noArticles: string
  published: (date: string) => string
  by: (name: string) => string
  views: (n: number) => string
  comments: string
  noComments: string
  commentForm: string
  name: string
  body: string
  send: string
  commentPending: string
  commentsClosed: string
  page: (page: number, pages: number) => string
  previous: string
  next: string
  notFound: string
  notFoundText: string
  backHome: string
  feed: string
  languages: string
  tooMany: string
  bodyLimit: (n: number) => string
  poweredBy: string
}

export const SITE_STRINGS: Record<SiteLang, SiteStrings> = {
  'zh-CN': {
    htmlLang: 'zh-CN',
    home: '首页',
    banners: '橱窗',
    hot: '热门',
    latest: '最新文章',
    more: '更多',
    noArticles: '暂无文章',
    published: (date) => `发布于 ${date}`,
    by: (name) => `作者：${name}`,
    views: (n) => `阅读 ${n}`,
    comments: '评论',
    noComments: '暂无评论',
    commentForm: '发表评论',
    name: '称呼',
    body: '评论内容',
    send: '提交评论',
    commentPending: '评论已提交，审核通过后显示。',
    commentsClosed: '本文不开放评论。',
    page: (page, pages) => `第 ${page} / ${pages} 页`,
    previous: '上一页',
    next: '下一页',
    notFound: '页面不存在',
    notFoundText: '这篇文章或页面不存在，或尚未发布。',
    backHome: '返回首页',
    feed: '订阅（Atom）',
    languages: '语言',
    tooMany: '提交过于频繁，请稍后再试。',
    bodyLimit: (n) => `最多 ${n} 字`,
    poweredBy: '微官网',
  },
  'zh-TW': {
    htmlLang: 'zh-TW',
    home: '首頁',
    banners: '櫥窗',
    hot: '熱門',
    latest: '最新文章',
    more: '更多',
    noArticles: '暫無文章',
    published: (date) => `發佈於 ${date}`,
    by: (name) => `作者：${name}`,
    views: (n) => `閱讀 ${n}`,
    comments: '評論',
    noComments: '暫無評論',
    commentForm: '發表評論',
    name: '稱呼',
    body: '評論內容',
    send: '提交評論',
    commentPending: '評論已提交，審核通過後顯示。',
    commentsClosed: '本文不開放評論。',
    page: (page, pages) => `第 ${page} / ${pages} 頁`,
    previous: '上一頁',
    next: '下一頁',
    notFound: '頁面不存在',
    notFoundText: '這篇文章或頁面不存在，或尚未發佈。',
    backHome: '返回首頁',
    feed: '訂閱（Atom）',
    languages: '語言',
    tooMany: '提交過於頻繁，請稍後再試。',
    bodyLimit: (n) => `最多 ${n} 字`,
    poweredBy: '微官網',
  },
  en: {
    htmlLang: 'en',
    home: 'Home',
    banners: 'Banners',
    hot: 'Popular',
    latest: 'Latest articles',
    more: 'More',
    noArticles: 'No articles yet',
    published: (date) => `Published ${date}`,
    by: (name) => `By ${name}`,
    views: (n) => (n === 1 ? '1 view' : `${n} views`),
    comments: 'Comments',
    noComments: 'No comments yet',
    commentForm: 'Leave a comment',
    name: 'Name',
    body: 'Comment',
    send: 'Send comment',
    commentPending: 'Thank you: your comment will appear once it is approved.',
    commentsClosed: 'Comments are closed for this article.',
    page: (page, pages) => `Page ${page} of ${pages}`,
    previous: 'Previous',
    next: 'Next',
    notFound: 'Page not found',
    notFoundText: 'This article or page does not exist or is not published yet.',
    backHome: 'Back to home',
    feed: 'Atom feed',
    languages: 'Language',
    tooMany: 'Too many comments from here; please try again later.',
    bodyLimit: (n) => `At most ${n} characters`,
    poweredBy: 'Micro-site',
  },
}

/** The language names shown in the switch, each in itself. */
export const LANG_NAMES: Record<SiteLang, string> = LANG_LABELS
