import { describe, expect, it } from 'vitest'
import { articleLink } from './site-links.ts'

describe('site links', () => {
  it('links an article under the home, escaping what must be', () => {
    const home = 'http://localhost:7420/site/demo/'
    expect(articleLink(home, 'a1')).toBe('http://localhost:7420/site/demo/articles/a1')
    expect(articleLink(home, 'a b/c')).toBe('http://localhost:7420/site/demo/articles/a%20b%2Fc')
  })
})
