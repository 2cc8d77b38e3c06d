import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, resolveAppFile, rendererUrl } from '../../electron/main/app-protocol'
import { debugSwitchesIn } from '../../electron/main/debug-switches'
import { useTempDir } from '../support/temp-dir'

/**
 * The app:// handler's decision, against a real renderer folder with a secret beside it and symlinks
 * planted inside it (the browser shell's static server followed one to a system file, review W1).
 */
const tempDir = useTempDir()

function layout() {
  const base = tempDir()
  const root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}')
  writeFileSync(join(base, 'secret.key'), 'not for the page')
  symlinkSync(join(base, 'secret.key'), join(root, 'assets', 'linked.js'))
  symlinkSync(base, join(root, 'up'))
  symlinkSync('/etc', join(root, 'etc'))
  // A symlink that stays inside the folder is fine.
  symlinkSync(join(root, 'assets', 'index-abc.js'), join(root, 'same.js'))
  return { base, root }
}

describe('app:// serves the built renderer folder and nothing else', () => {
  it('serves the page and its assets with their types', () => {
    const { root } = layout()
    expect(resolveAppFile(root, APP_ENTRY_URL)).toEqual({ ok: true, file: join(root, 'index.html'), type: 'text/html; charset=utf-8' })
    expect(resolveAppFile(root, 'app://renderer/')).toMatchObject({ ok: true, file: join(root, 'index.html') })
    expect(resolveAppFile(root, 'app://renderer/assets/index-abc.js?v=1#x')).toMatchObject({ ok: true, type: 'text/javascript; charset=utf-8' })
    expect(resolveAppFile(root, 'app://renderer/same.js')).toMatchObject({ ok: true, file: join(root, 'assets', 'index-abc.js') })
  })

  it.each([
    ['app://renderer/..%2fsecret.key', 400],
    ['app://renderer/assets/..%2f..%2fsecret.key', 400],
    ['app://renderer/%2e%2e/secret.key', 404],
    ['app://renderer/assets%5c..%5c..%5csecret.key', 400],
    ['app://renderer/index.html%00.png', 400],
    ['app://renderer/C:%5cWindows%5cwin.ini', 400],
    ['app://renderer/%E0%A4%A', 400],
    ['app://renderer//etc/passwd', 400],
    ['app://renderer/assets/linked.js', 403],
    ['app://renderer/up/secret.key', 403],
    ['app://renderer/etc/passwd', 403],
    ['app://renderer/assets', 404],
    ['app://renderer/missing.js', 404],
    ['app://elsewhere/index.html', 403],
    ['file:///etc/passwd', 403],
    ['not a url', 400],
  ])('%s → %i', (url, status) => {
    const { root } = layout()
    expect(resolveAppFile(root, url)).toMatchObject({ ok: false, status })
  })
})

describe('the page the window loads', () => {
  it('is the dev server only in development; a packaged app ignores ELECTRON_RENDERER_URL', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://evil.example/' }
    expect(rendererUrl(true, env)).toBe(APP_ENTRY_URL)
    expect(rendererUrl(false, env)).toBe('http://evil.example/')
    expect(rendererUrl(false, {})).toBe(APP_ENTRY_URL)
  })
})

describe('a packaged app started with a debugger switch', () => {
  it('finds Chromium remote debugging and Node inspect switches in any spelling, and nothing in a plain start', () => {
    expect(debugSwitchesIn(['/opt/gongji/gongji-pos', '--no-sandbox'])).toEqual([])
    expect(debugSwitchesIn(['gongji-pos.exe', '--remote-debugging-port=9222'])).toEqual(['remote-debugging-port'])
    expect(debugSwitchesIn(['gongji-pos.exe', '-remote-debugging-pipe', '--INSPECT-BRK=0'])).toEqual(['remote-debugging-pipe', 'inspect-brk'])
    expect(debugSwitchesIn(['gongji-pos.exe', '--js-flags=--allow-natives-syntax'])).toEqual(['js-flags'])
  })
})
