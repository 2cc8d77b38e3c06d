import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isAppFrame } from '../../electron/main/frame-guard'
import { defaultDataDir } from '../../electron/core/paths'
import { renderContractDocs } from '../../scripts/contract-docs'

describe('Electron frame guard', () => {
  const app = 'file:///opt/gongji/resources/app.asar/out/renderer/index.html'
  it('accepts only the app page in the main frame', () => {
    expect(isAppFrame(app, true, app)).toBe(true)
    expect(isAppFrame(`${app}#/checkout`, true, app)).toBe(true)
    expect(isAppFrame(app, false, app)).toBe(false)
    expect(isAppFrame('https://evil.example/index.html', true, app)).toBe(false)
    expect(isAppFrame('file:///tmp/other.html', true, app)).toBe(false)
    expect(isAppFrame(undefined, true, app)).toBe(false)
    expect(isAppFrame('not a url', true, app)).toBe(false)
  })
})

describe('data directory', () => {
  it('defaults to the OS app-data directory', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('gongji-pos')
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/a/.config' }, 'linux')).toBe('/home/a/.config/gongji-pos')
  })
})

describe('contract reference', () => {
  it('docs/contract.md is what the schemas generate (run `npm run docs:contract`)', () => {
    expect(readFileSync('docs/contract.md', 'utf8')).toBe(renderContractDocs())
  })
})
