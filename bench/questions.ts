// question_search_ms (DESIGN §11): the question list's filter + full-text search over 20,000 questions, in Node
// on the pure function the list runs (`domain/questions/filter.ts`).
import { performance } from 'node:perf_hooks'
import {
  createQuestionIndex,
  defaultQuestionFilter,
  type QuestionFilter,
} from '../domain/questions/filter.ts'
import { QUESTION_TYPES, type Question, type QuestionType } from '../domain/questions/types.ts'
import { seededRandom } from '../test/support/seeded-random.ts'
import { median, percentile } from './stats.ts'

export const QUESTION_SET = { questions: 20_000, subjects: 10, authors: 30 }

const SUBJECTS = ['语文', '数学', '英语', '物理', '化学', '生物', '历史', '地理', '道德与法治', '信息技术']

/** Stem sentences per subject, Chinese and English; `#` becomes a number. */
const SENTENCES: Record<string, string[]> = {
  语文: [
    '阅读下面的古诗，回答问题：床前明月光，疑是地上霜。',
    '下列词语中加点字的读音完全正确的一项是',
    '请写出“#”画的汉字',
  ],
  数学: [
    '计算 # + # 的值',
    '解方程 #x + # = #',
    'A triangle has sides #, # and # cm. What is its perimeter?',
    '已知函数 f(x) = #x² − #，求 f(#)',
  ],
  英语: [
    'Choose the correct form of the verb: She ___ (go) to school every day.',
    'Which word means "dog"?',
    '汽车的英语单词是什么？',
    'Fill in the blank: I have lived here for # years.',
  ],
  物理: [
    '一辆汽车以 # km/h 的速度行驶 # 小时，行驶的路程是多少？',
    'A ball falls from # m. How long does it take to reach the ground?',
    '下列关于光的折射的说法正确的是',
  ],
  化学: [
    '氧气的分子结构是',
    'How many moles of water are produced when # g of hydrogen burns?',
    '下列物质中属于纯净物的是',
  ],
  生物: [
    '光合作用的场所是',
    'Which organelle produces energy in the cell?',
    '细胞分裂时，染色体的数目变化是',
  ],
  历史: ['秦始皇统一中国是在公元前 # 年', 'Who wrote the Declaration of Independence?', '辛亥革命的意义是'],
  地理: ['长江的长度约为 # 千米', 'What is the capital of Australia?', '下列地形区中海拔最高的是'],
  道德与法治: [
    '公民的基本权利包括',
    'What does a citizen owe to the community?',
    '未成年人受法律特殊保护的原因是',
  ],
  信息技术: ['二进制数 # 转换为十进制是', 'Which loop runs at least once?', '下列软件中属于操作系统的是'],
}

const OPTION_WORDS = [
  '细胞核',
  '线粒体',
  'Canberra',
  'Sydney',
  '叶绿体',
  'Thomas Jefferson',
  '高原',
  'do-while',
  '纯净物',
  '混合物',
  '正确',
  '错误',
]

function fillNumbers(sentence: string, random: () => number): string {
  return sentence.replace(/#/g, () => String(1 + Math.floor(random() * 99)))
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)] as T
}

function typeFields(type: QuestionType, random: () => number): Partial<Question> {
  const words = () => Array.from({ length: 4 }, (_, i) => `${pick(OPTION_WORDS, random)} ${i + 1}`)
  switch (type) {
    case 'single_choice':
    case 'multiple_choice':
      return { options: words().map((text, i) => ({ id: `o${i}`, text, correct: i === 0 })) }
    case 'ordering':
      return { items: words().map((text, i) => ({ id: `i${i}`, text })) }
    case 'matching':
      return {
        pairs: words().map((text, i) => ({ id: `p${i}`, left: text, right: pick(OPTION_WORDS, random) })),
      }
    case 'true_false':
      return { answer: random() < 0.5 }
    case 'short_answer':
      return { referenceAnswer: '答案要点：…' }
    case 'attachment':
      return { maxFiles: 3 }
    case 'fill_blank':
      return { blanks: [{ id: 'b1', answers: ['42'] }] }
  }
}

/** Whose the generated questions are: the school, a subject's id by its name, an author's id by its number. */
export interface QuestionOwners {
  schoolId: string
  subjectId(name: string): string
  authorId(author: number): string
}

const BENCH_OWNERS: QuestionOwners = {
  schoolId: 'bench',
  subjectId: (name) => `subject-${SUBJECTS.indexOf(name)}`,
  authorId: (author) => `staff-${author}`,
}

/** 20,000 questions of 10 subjects by 30 authors, every type, Chinese and English stems; a tenth have a v2. */
export function generateQuestions(
  count = QUESTION_SET.questions,
  owners = BENCH_OWNERS,
  seed = 5,
): Question[] {
  const random = seededRandom(seed)
  const questions: Question[] = []
  for (let i = 0; i < count; i++) {
    const subject = pick(SUBJECTS, random)
    const type = pick(QUESTION_TYPES, random)
    const sentence = fillNumbers(pick(SENTENCES[subject] ?? [], random), random)
    const stem =
      type === 'fill_blank'
        ? `<p>${sentence} {{1}}</p>`
        : `<p><strong>${i + 1}.</strong> ${sentence}</p><p>（${subject}，第 ${1 + (i % 40)} 课）</p>`
    const previous = i % 10 === 9 ? questions[i - 1] : undefined
    const id = `bench-q-${i}`
    questions.push({
      id,
      kind: 'question',
      schoolId: owners.schoolId,
      updatedAt: 1_764_000_000_000,
      type,
      stem,
      subjectId: owners.subjectId(subject),
      authorId: owners.authorId(Math.floor(random() * QUESTION_SET.authors)),
      status: random() < 0.8 ? 'published' : 'draft',
      createdAt: 1_700_000_000_000 + i * 60_000,
      lineageId: previous?.lineageId ?? id,
      version: previous ? previous.version + 1 : 1,
      ...(previous ? { previousId: previous.id } : {}),
      images: [],
      attachments: [],
      ...typeFields(type, random),
    })
  }
  return questions
}

/** What a user types: one term, or two, Chinese and English, narrowing down or not. */
const SEARCHES: { filter: Omit<QuestionFilter, 'latestOnly'> }[] = [
  { filter: { subjectId: 'subject-1', type: 'single_choice', status: 'published', text: '方程' } },
  { filter: { subjectId: 'subject-2', type: 'multiple_choice', status: 'published', text: 'verb' } },
  { filter: { subjectId: 'subject-3', type: 'single_choice', status: 'published', text: '速度 小时' } },
  { filter: { subjectId: 'subject-5', type: 'matching', status: 'published', text: '光合' } },
  { filter: { subjectId: 'subject-8', type: 'ordering', status: 'draft', text: 'citizen' } },
  { filter: { subjectId: 'subject-7', type: 'single_choice', status: 'published', text: 'canberra' } },
]

export interface QuestionSearchNumbers {
  /** Median of the warm searches (index built): what a user feels while typing. */
  p50: number
  p95: number
  /** Building the index (stem text of every question, sorting) and answering the first search, per run. */
  coldMs: number[]
  /** The same searches without the subject, type and status: the text alone over every question. */
  textOnlyP50: number
  /** A search right after one question changed (a new list: sorted again, that one question indexed again). */
  afterChangeP50: number
  questions: number
  matches: number[]
  runs: number
}

function timed<T>(work: () => T): { ms: number; result: T } {
  const start = performance.now()
  const result = work()
  return { ms: performance.now() - start, result }
}

export function measureQuestionSearch(runs: number): QuestionSearchNumbers {
  const questions = generateQuestions()
  const filters = SEARCHES.map(({ filter }) => ({ ...defaultQuestionFilter(), ...filter }))
  const coldMs = Array.from({ length: 5 }, (_, run) => {
    const index = createQuestionIndex()
    return timed(() => index.filter(questions, filters[run % filters.length] ?? defaultQuestionFilter())).ms
  })
  const index = createQuestionIndex()
  const warm: number[] = []
  const textOnly: number[] = []
  for (let run = 0; run < runs; run++) {
    const filter = filters[run % filters.length] ?? defaultQuestionFilter()
    warm.push(timed(() => index.filter(questions, filter)).ms)
    textOnly.push(timed(() => index.filter(questions, { latestOnly: true, text: filter.text })).ms)
  }
  const afterChange: number[] = []
  for (let run = 0; run < 20; run++) {
    const changed = [...questions]
    const at = (run * 997) % changed.length
    changed[at] = { ...(changed[at] as Question), updatedAt: run }
    afterChange.push(timed(() => index.filter(changed, filters[0] ?? defaultQuestionFilter())).ms)
  }
  const matches = filters.map((filter) => index.filter(questions, filter).length)
  console.log(
    `question search: warm p50 ${warm.length ? median(warm).toFixed(2) : '?'} ms, cold ${coldMs.map((ms) => ms.toFixed(0)).join(' ')} ms, matches ${matches.join(' ')}`,
  )
  return {
    p50: median(warm),
    p95: percentile(warm, 95),
    coldMs,
    textOnlyP50: median(textOnly),
    afterChangeP50: median(afterChange),
    questions: questions.length,
    matches,
    runs,
  }
}
