import { describe, expect, it } from 'vitest'
import { fileSafe } from './file-name.ts'

describe('fileSafe', () => {
  it('replaces the characters Windows refuses and trims, keeping CJK and parentheses', () => {
    expect(fileSafe(' 初一(1)班-课表 2026/2027: 第1周? ')).toBe('初一(1)班-课表 2026_2027_ 第1周_')
    expect(fileSafe('a\\b*c"d<e>f|g')).toBe('a_b_c_d_e_f_g')
  })
})
