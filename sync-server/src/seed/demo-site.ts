import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { BlobRef } from '../../../domain/blobs/blob-ref.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { Article } from '../../../domain/site/article.ts'
import type { ArticleType } from '../../../domain/site/article-type.ts'
import type { Banner } from '../../../domain/site/banner.ts'
import type { Comment } from '../../../domain/site/comment.ts'
import { BlobFiles } from '../blobs/blob-files.ts'
import { gradientPng, type Rgb } from '../site/png.ts'
import type { Store } from '../store/index.ts'

const SCHOOL = 'demo'
const ADMIN = 'demo-staff-wang'
const TEACHER = 'demo-staff-li'
const DAY = 86_400_000

interface DemoImage {
  name: string
  width: number
  height: number
  from: Rgb
  to: Rgb
}

const IMAGES = {
  opening: { name: '开学典礼.png', width: 640, height: 320, from: [214, 64, 69], to: [250, 190, 88] },
  sports: { name: '运动会.png', width: 640, height: 320, from: [29, 111, 216], to: [120, 214, 170] },
  science: { name: '科技节.png', width: 640, height: 320, from: [92, 53, 173], to: [64, 196, 255] },
  library: { name: '图书馆.png', width: 640, height: 320, from: [60, 120, 80], to: [230, 220, 160] },
  track: { name: '跑道.png', width: 320, height: 200, from: [200, 80, 40], to: [250, 200, 150] },
  lab: { name: '实验室.png', width: 320, height: 200, from: [30, 90, 160], to: [200, 230, 250] },
  choir: { name: '合唱.png', width: 320, height: 200, from: [160, 40, 120], to: [250, 200, 230] },
} satisfies Record<string, DemoImage>

type ImageKey = keyof typeof IMAGES

/** Stores the demo's images as blobs of the school (file and row), as an upload would. */
async function storeImages(store: Store, blobDir: string, now: number): Promise<Record<ImageKey, BlobRef>> {
  const files = new BlobFiles(blobDir)
  const refs: Partial<Record<ImageKey, BlobRef>> = {}
  for (const [key, image] of Object.entries(IMAGES) as [ImageKey, DemoImage][]) {
    const bytes = gradientPng(image.width, image.height, image.from, image.to)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    await files.write(SCHOOL, sha256, Readable.from([bytes]), bytes.length)
    await store.saveBlob({
      schoolId: SCHOOL,
      sha256,
      size: bytes.length,
      mime: 'image/png',
      createdAt: now,
      createdBy: ADMIN,
    })
    refs[key] = { sha256, name: image.name, size: bytes.length, mime: 'image/png' }
  }
  return refs as Record<ImageKey, BlobRef>
}

const common = (now: number) => ({ schoolId: SCHOOL, updatedAt: now, _deleted: false })

function types(now: number): WireDocument<ArticleType>[] {
  const type = (id: string, name: string, order: number, enabled = true) => ({
    ...common(now),
    id: `demo-type-${id}`,
    kind: 'article_type' as const,
    name,
    enabled,
    order,
  })
  return [
    type('news', '学校新闻', 1),
    type('notices', '通知公告', 2),
    type('events', '校园活动', 3),
    type('old', '往届专栏', 4, false),
  ]
}

function banners(now: number, images: Record<ImageKey, BlobRef>): WireDocument<Banner>[] {
  const banner = (id: string, name: string, image: BlobRef, order: number, listed = true, link?: string) => ({
    ...common(now),
    id: `demo-banner-${id}`,
    kind: 'banner' as const,
    name,
    image,
    listed,
    order,
    ...(link ? { link } : {}),
  })
  return [
    banner('opening', '2026 秋季开学典礼', images.opening, 1, true, 'https://www.moe.gov.cn/'),
    banner('sports', '第十届校园运动会', images.sports, 2),
    banner('science', '科技节作品征集', images.science, 3),
    banner('library', '图书馆改造（未上架）', images.library, 4, false),
  ]
}

interface ArticleSpec {
  id: string
  typeId: string
  title: string
  summary: string
  paragraphs: string[]
  image?: ImageKey
  authorId?: string
  /** Days from now (negative: in the past). */
  publishInDays?: number
  status?: Article['status']
  pinned?: boolean
  anonymous?: boolean
  allowComments?: boolean
}

const ARTICLES: ArticleSpec[] = [
  {
    id: 'opening',
    typeId: 'news',
    title: '2026 秋季开学典礼隆重举行',
    summary: '全校师生齐聚操场，迎接新学年。校长寄语：做更好的自己。',
    paragraphs: [
      '9 月 1 日上午，我校在操场隆重举行 2026 秋季开学典礼。',
      '王校长在讲话中勉励同学们：志存高远，脚踏实地。',
    ],
    image: 'opening',
    authorId: ADMIN,
    publishInDays: -4,
    pinned: true,
  },
  {
    id: 'sports',
    typeId: 'events',
    title: '第十届校园运动会圆满落幕',
    summary: '三天赛程，1,200 名运动员参赛，初二(1)班获团体总分第一。',
    paragraphs: ['本届运动会共设 32 个项目。', '感谢全体裁判老师和志愿者的辛勤付出！'],
    image: 'track',
    publishInDays: -2,
    pinned: true,
  },
  {
    id: 'lab',
    typeId: 'news',
    title: '新建物理、生物实验室投入使用',
    summary: '两间标准化实验室本学期起向全体学生开放。',
    paragraphs: ['实验室配备了 48 套学生实验台。', '周老师：欢迎同学们来动手探究。'],
    image: 'lab',
    publishInDays: -6,
  },
  {
    id: 'holiday',
    typeId: 'notices',
    title: '关于国庆节放假安排的通知',
    summary: '10 月 1 日至 7 日放假，10 月 8 日（周四）正常上课。',
    paragraphs: ['请各位家长注意孩子假期安全。', '返校当天请按时到校。'],
    authorId: ADMIN,
    publishInDays: -1,
    allowComments: false,
  },
  {
    id: 'choir',
    typeId: 'events',
    title: '合唱团招新啦',
    summary: '喜欢唱歌的同学，周三下午来音乐教室试音。',
    paragraphs: ['不需要任何基础，只要你热爱音乐。'],
    image: 'choir',
    publishInDays: -3,
    anonymous: true,
  },
  {
    id: 'safety',
    typeId: 'notices',
    title: '秋季校园安全提示',
    summary: '上下学路上注意交通安全，雨天慢行。',
    paragraphs: ['请家长提醒孩子遵守交通规则。'],
    authorId: ADMIN,
    publishInDays: -8,
  },
  {
    id: 'science',
    typeId: 'events',
    title: '科技节作品展示（预告）',
    summary: '科技节优秀作品将在下周展出。',
    paragraphs: ['敬请期待！'],
    image: 'science',
    publishInDays: 2,
  },
  {
    id: 'library',
    typeId: 'news',
    title: '图书馆改造方案（草稿）',
    summary: '征求意见稿，尚未发布。',
    paragraphs: ['草稿内容。'],
    image: 'library',
    authorId: ADMIN,
    status: 'draft',
  },
]

function articles(now: number, images: Record<ImageKey, BlobRef>): WireDocument<Article>[] {
  return ARTICLES.map((spec) => {
    const image = spec.image ? images[spec.image] : undefined
    const body = [
      ...spec.paragraphs.map((text) => `<p>${text}</p>`),
      ...(image ? [`<p><img data-blob="${image.sha256}" alt="${image.name.replace('.png', '')}"></p>`] : []),
    ].join('')
    return {
      ...common(now),
      id: `demo-article-${spec.id}`,
      kind: 'article',
      authorId: spec.authorId ?? TEACHER,
      typeId: `demo-type-${spec.typeId}`,
      title: spec.title,
      summary: spec.summary,
      ...(image ? { cover: image } : {}),
      body,
      images: image ? [image] : [],
      anonymous: spec.anonymous ?? false,
      allowComments: spec.allowComments ?? true,
      status: spec.status ?? 'published',
      ...(spec.publishInDays === undefined ? {} : { publishAt: now + spec.publishInDays * DAY }),
      pinned: spec.pinned ?? false,
    }
  })
}

function comments(now: number): WireDocument<Comment>[] {
  const comment = (
    id: string,
    article: string,
    name: string,
    body: string,
    status: Comment['status'],
    hoursAgo: number,
  ) => ({
    ...common(now),
    id: `demo-comment-${id}`,
    kind: 'comment' as const,
    articleId: `demo-article-${article}`,
    name,
    body,
    status,
    createdAt: now - hoursAgo * 3_600_000,
  })
  return [
    comment('1', 'opening', '初一(1)班 陈家长', '孩子回家说特别开心，谢谢老师们！', 'approved', 50),
    comment('2', 'opening', '校友 小林', '母校越来越好了。', 'approved', 30),
    comment('3', 'sports', '刘家长', '接力赛太精彩了，明年还想看！', 'approved', 20),
    comment('4', 'sports', '路人', '请问运动会的照片在哪里可以下载？', 'pending', 2),
    comment('5', 'choir', '初二同学', '我想报名！', 'pending', 1),
  ]
}

/**
 * The demo school's micro-site: article types (one disabled), banners with images (one unlisted), articles (two
 * pinned, one scheduled two days ahead, one draft, one anonymous, one without comments) and comments (approved
 * and pending), with real PNG images stored as the school's blobs.
 */
export async function seedDemoSite(store: Store, blobDir: string, now: number): Promise<void> {
  const images = await storeImages(store, blobDir, now)
  const write = (collection: 'site' | 'catalog', docs: WireDocument[]) =>
    store.writeDocuments(SCHOOL, collection, [], () => ({ writes: docs, result: null }))
  await write('catalog', types(now))
  await write('site', [...banners(now, images), ...articles(now, images), ...comments(now)])
}
