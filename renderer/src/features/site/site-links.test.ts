import { describe, expect, it } from 'vitest'
import { articleLink, siteLink } from './site-links.ts'

describe('site links', () => {
  it('puts the site under the server, with or without a trailing slash or a path prefix', () => {
    expect(siteLink('http://192.168.1.20:7420', 'demo')).toBe('http://192.168.1.20:7420/site/demo/')
    expect(siteLink('https://school.example/', 'demo')).toBe('https://school.example/site/demo/')
    expect(siteLink('https://example.org/campus', 'demo')).toBe('https://example.org/campus/site/demo/')
  })

  it('links an article under the home, escaping what must be', () => {
    const home = siteLink('http://localhost:7420', 'demo')
    expect(articleLink(home, 'a1')).toBe('http://localhost:7420/site/demo/articles/a1')
    expect(articleLink(home, 'a b/c')).toBe('http://localhost:7420/site/demo/articles/a%20b%2Fc')
  })
})
