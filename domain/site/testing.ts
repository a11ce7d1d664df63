import type { BlobRef } from '../blobs/blob-ref.ts'
import type { Article } from './article.ts'
import type { ArticleType } from './article-type.ts'
import type { Banner } from './banner.ts'
import type { Comment } from './comment.ts'
import { SITE_SETTINGS_ID, type SiteSettings } from './site-settings.ts'

const common = { schoolId: 'demo', updatedAt: 1 }

/** A PNG reference whose hash is `digit` repeated (tests only). */
export function image(digit: string, name = `${digit}.png`): BlobRef {
  return { sha256: digit.repeat(64), name, size: 68, mime: 'image/png' }
}

/** Article type `news` (新闻), enabled; `changes` override. */
export function articleType(changes: Partial<ArticleType> = {}): ArticleType {
  return { ...common, id: 'news', kind: 'article_type', name: '新闻', enabled: true, order: 1, ...changes }
}

/** A listed banner with image `b…`; `changes` override. */
export function banner(changes: Partial<Banner> = {}): Banner {
  return {
    ...common,
    id: 'banner1',
    kind: 'banner',
    name: '开学典礼',
    link: 'https://example.org/open-day',
    image: image('b'),
    listed: true,
    order: 1,
    ...changes,
  }
}

/** A published article of type `news` by `t1`, with cover `c…` and a body image `d…`; `changes` override. */
export function article(changes: Partial<Article> = {}): Article {
  return {
    ...common,
    id: 'a1',
    kind: 'article',
    authorId: 't1',
    typeId: 'news',
    title: '运动会圆满结束',
    summary: '全校师生参加了秋季运动会',
    cover: image('c'),
    body: `<p>比赛很精彩</p><img data-blob="${'d'.repeat(64)}" alt="跑步">`,
    images: [image('d')],
    anonymous: false,
    allowComments: true,
    status: 'published',
    pinned: false,
    ...changes,
  }
}

/** A pending comment on article `a1`; `changes` override. */
export function comment(changes: Partial<Comment> = {}): Comment {
  return {
    ...common,
    id: 'cm1',
    kind: 'comment',
    articleId: 'a1',
    name: '家长',
    body: '办得真好',
    status: 'pending',
    createdAt: 1000,
    ...changes,
  }
}

/** The school's site settings with logo `f…`; `changes` override. */
export function siteSettings(changes: Partial<SiteSettings> = {}): SiteSettings {
  return { ...common, id: SITE_SETTINGS_ID, kind: 'site_settings', logo: image('f', 'logo.png'), ...changes }
}
