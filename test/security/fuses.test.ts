import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { FuseV1Options, flipFuses, getCurrentFuseWire, type FuseConfig } from '@electron/fuses'
import { FuseState } from '@electron/fuses/dist/constants'
import { PlatformPackager } from 'app-builder-lib'
import { getConfig } from 'app-builder-lib/out/util/config/config'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../support/temp-dir'

/**
 * The fuses are data in electron-builder.yml; electron-builder turns them into @electron/fuses' config and
 * flips them in the packaged binary. The Electron binary cannot be downloaded here, so the same two steps
 * run on a stand-in binary carrying Electron's fuse wire (sentinel, version 1, eight fuses all at their
 * defaults), and the wire is read back the way @electron/fuses reads a real one.
 */
const ROOT = resolve(import.meta.dirname, '../..')
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const tempDir = useTempDir()

/** Electron 39's shipped defaults: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on; the rest off. */
function standInBinary(): string {
  const defaults = [
    FuseState.ENABLE,
    FuseState.DISABLE,
    FuseState.ENABLE,
    FuseState.ENABLE,
    FuseState.DISABLE,
    FuseState.DISABLE,
    FuseState.DISABLE,
    FuseState.ENABLE,
  ]
  const path = join(tempDir(), 'gongji-pos')
  writeFileSync(path, Buffer.concat([randomBytes(4096), Buffer.from(SENTINEL), Buffer.from([1, defaults.length, ...defaults]), randomBytes(4096)]))
  return path
}

async function builtConfig() {
  return getConfig(ROOT, null, null)
}

describe('the packaged app', () => {
  it('flips the fuses that turn the app into a Node, a debugger, or a loader of other code', async () => {
    const config = await builtConfig()
    expect(config.electronFuses).toBeTruthy()
    const fuses = (await (PlatformPackager.prototype as unknown as { generateFuseConfig(f: unknown): Promise<FuseConfig> }).generateFuseConfig(
      config.electronFuses,
    )) satisfies FuseConfig
    const binary = standInBinary()
    await flipFuses(binary, fuses)
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
      onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      fileExtraPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
    }).toEqual({
      runAsNode: FuseState.DISABLE,
      nodeOptions: FuseState.DISABLE,
      inspect: FuseState.DISABLE,
      onlyAsar: FuseState.ENABLE,
      asarIntegrity: FuseState.ENABLE,
      fileExtraPrivileges: FuseState.DISABLE,
    })
  })

  it('packs the app into an asar (what OnlyLoadAppFromAsar and the integrity check protect) without source maps', async () => {
    const config = await builtConfig()
    expect(config.asar).toBe(true)
    const files = (config.files as { filter: string[] }[]).flatMap((f) => f.filter)
    expect(files).toContain('!**/*.map')
  })
})
