import type { Article } from '../../../../domain/site/article.ts'
import type { ArticleType } from '../../../../domain/site/article-type.ts'
import type { Banner } from '../../../../domain/site/banner.ts'
import type { Comment } from '../../../../domain/site/comment.ts'
import type { SiteSettings } from '../../../../domain/site/site-settings.ts'
import { defineKindStore } from '../../app/kind-store.ts'

// The micro-site (SITE-1…SITE-5), live from the local replica: banners, types and articles written offline reach
// the public pages when the PC is back online; comments are written by the server from the public form.

export const useArticleTypeStore = defineKindStore<ArticleType>('site-article-types', 'article_type')
export const useBannerStore = defineKindStore<Banner>('site-banners', 'banner')
export const useArticleStore = defineKindStore<Article>('site-articles', 'article')
export const useCommentStore = defineKindStore<Comment>('site-comments', 'comment')
export const useSiteSettingsStore = defineKindStore<SiteSettings>('site-settings', 'site_settings')
