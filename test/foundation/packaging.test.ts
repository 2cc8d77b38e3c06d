import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/** electron-builder cannot run here (no Electron download); these checks keep its config honest. */
const yml = readFileSync('electron-builder.yml', 'utf8')
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
  optionalDependencies: Record<string, string>
  scripts: Record<string, string>
}

describe('packaging config', () => {
  it('builds NSIS for Windows and AppImage + deb for Linux', () => {
    expect(yml).toMatch(/win:\s*\n\s*target:\s*\n\s*- target: nsis/)
    expect(yml).toMatch(/linux:\s*\n\s*target: \[AppImage, deb\]/)
  })

  it('unpacks every native runtime dependency from the asar', () => {
    for (const native of ['better-sqlite3', '@serialport', '@napi-rs']) {
      expect(yml).toContain(`**/node_modules/${native}/**`)
    }
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['better-sqlite3', 'serialport']))
  })

  it('ships the built app and points main at it', () => {
    expect(yml).toMatch(/files:\s*\n\s*- out\/\*\*/)
    expect(pkg.main).toBe('out/main/index.js')
  })

  it('installs where Electron cannot be downloaded, and never packs Electron into the app', () => {
    // An optional dependency whose install script fails is dropped instead of failing `npm install`.
    expect(pkg.optionalDependencies.electron).toBeDefined()
    expect(pkg.dependencies.electron).toBeUndefined()
    expect(pkg.devDependencies.electron).toBeUndefined()
    expect(pkg.scripts.postinstall).toBe('node scripts/electron-package.mjs')
    expect(yml).toContain('"!**/node_modules/electron/**"')
  })

  it('never rebuilds for Electron on install (the headers cannot be downloaded everywhere)', () => {
    expect(pkg.scripts.postinstall ?? '').not.toContain('install-app-deps')
  })
})
