import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, test } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const FIXTURES = join(ROOT, 'test/support/lint-fixtures')
const eslint = new ESLint({ cwd: ROOT })
/** Each npm package's places (the config is JavaScript, so it is imported by URL, typed here). */
const { PACKAGE_PLACES } = (await import(pathToFileURL(join(ROOT, 'eslint.config.js')).href)) as {
  PACKAGE_PLACES: Record<string, string[]>
}

/** Lints a fixture as if it stood where its first line says, and answers one rule's complaints (the layer map's unless told). */
async function layerErrors(name: string, rule = 'no-restricted-imports'): Promise<string[]> {
  const text = readFileSync(join(FIXTURES, name), 'utf8')
  const place = /^\/\/ lint as: (\S+)/.exec(text)?.[1]
  if (!place) throw new Error(`${name} does not say where it is linted as`)
  const [result] = await eslint.lintText(text, { filePath: join(ROOT, place) })
  expect(result.messages.filter((m) => m.fatal)).toEqual([])
  return result.messages.filter((m) => m.ruleId === rule).map((m) => m.message)
}

/** One deliberate violation per rule of the map, and what the refusal says. */
const VIOLATIONS: [string, RegExp][] = [
  ['core-imports-sandbox.ts', /TrainingPlatform port/],
  ['core-imports-main.ts', /never its shells/],
  ['core-imports-web.ts', /never its shells/],
  ['sandbox-imports-core.ts', /only shared\/ and electron\/base\//],
  ['sandbox-imports-renderer.ts', /only shared\/ and electron\/base\//],
  ['base-imports-core.ts', /imports neither/],
  ['base-imports-sandbox.ts', /imports neither/],
  ['shared-imports-electron.ts', /nothing under electron\/ or renderer\//],
  ['shared-imports-renderer.ts', /nothing under electron\/ or renderer\//],
  ['renderer-imports-electron.ts', /only the contract in shared\//],
  ['store-node-imports-core.ts', /never the counter core/],
  ['core-imports-store-node.ts', /never its shells/],
  ['core-imports-electron.ts', /Only the Electron shell/],
  ['renderer-imports-pg.ts', /npm package pg is not for renderer\//],
  ['shared-imports-jszip.ts', /npm package jszip is not for shared\//],
  ['sandbox-imports-test-tool.ts', /npm package fast-check is not for electron\/sandbox\//],
  ['core-imports-dev-tools.ts', /never its shells or the dev tools/],
  ['core-imports-canvas.ts', /npm package @napi-rs\/canvas is not for electron\/core\//],
  ['core-imports-inside-concern.ts', /through its index\.ts: import from '\.\.\/offline'/],
  ['core-imports-inside-clinic.ts', /through its index\.ts: import from '\.\.\/clinic'/],
]
/** Imports the map allows, so a refusal above is the rule's and not a blanket one. */
const ALLOWED = ['core-allowed.ts', 'sandbox-allowed.ts', 'store-node-allowed.ts', 'main-allowed.ts', 'core-concern-index-allowed.ts']
/** SQL on the money tables: refused in a concern, written in the ledger. */
const MONEY_TABLES: [string, number][] = [
  ['core-sql-on-sales.ts', 1],
  ['ledger-allowed.ts', 0],
]
/** Statements compiled or run outside a store: refused in a service (RegExp's exec left alone), written in a store. */
const SQL_CALLS: [string, number, RegExp][] = [
  ['core-sql-outside-store.ts', 2, /SQL runs only in a store/],
  ['core-store-allowed.ts', 0, /SQL runs only in a store/],
  ['store-node-sql-outside-store.ts', 1, /The store node runs SQL only in database\.ts, migrations\.ts and \*-store\.ts files/],
]
const SQL_CALL_REFUSAL = /SQL runs only in a store|The store node runs SQL only/

describe('the layer map (eslint.config.js)', () => {
  test.each(VIOLATIONS)('refuses %s', async (name, why) => {
    const errors = await layerErrors(name)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(why)
  })

  test.each(ALLOWED)('lets %s import what its layer may', async (name) => {
    expect(await layerErrors(name)).toEqual([])
  })

  test.each(MONEY_TABLES)('SQL on the money tables outside the ledger: %s has %i refusal', async (name, refusals) => {
    const errors = (await layerErrors(name, 'no-restricted-syntax')).filter((e) => !SQL_CALL_REFUSAL.test(e))
    expect(errors).toHaveLength(refusals)
    for (const e of errors) expect(e).toMatch(/Only the ledger/)
  })

  test.each(SQL_CALLS)('SQL outside a store: %s has %i refusals', async (name, refusals, why) => {
    const errors = await layerErrors(name, 'no-restricted-syntax')
    expect(errors).toHaveLength(refusals)
    for (const e of errors) expect(e).toMatch(why)
  })

  test('every fixture is checked here, and the tree-wide `eslint .` leaves them alone', async () => {
    const fixtures = readdirSync(FIXTURES).sort()
    expect(fixtures).toEqual(
      [
        ...VIOLATIONS.map(([name]) => name),
        ...ALLOWED,
        ...MONEY_TABLES.map(([name]) => name),
        ...SQL_CALLS.map(([name]) => name),
        ...CJK_LITERALS.map(([name]) => name),
      ].sort(),
    )
    for (const name of fixtures) expect(await eslint.isPathIgnored(join(FIXTURES, name))).toBe(true)
  })
})

describe('every npm package has its places', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>
  const shipped = new Set(Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }))
  const all = [...shipped, ...Object.keys(manifest.devDependencies)].sort()

  test('each dependency in package.json is classified, and nothing else is', () => {
    expect(Object.keys(PACKAGE_PLACES).sort()).toEqual(all)
  })

  test('a package the Electron side may import ships with the app (dependencies, not devDependencies)', () => {
    const nodeSide = Object.keys(PACKAGE_PLACES).filter((name) => PACKAGE_PLACES[name].some((p) => p.startsWith('electron/')))
    expect(nodeSide.filter((name) => !shipped.has(name))).toEqual([])
  })
})

/** Chinese literals in a component refused (JSX text, an attribute string, each piece of a template), the words through messages.ts allowed. */
const CJK_LITERALS: [string, number][] = [
  ['renderer-cjk-literals.tsx', 4],
  ['renderer-words-allowed.tsx', 0],
]

describe('the renderer owns its words (eslint.config.js)', () => {
  test.each(CJK_LITERALS)('Chinese literals in a .tsx outside messages.ts: %s has %i refusals', async (name, refusals) => {
    const errors = await layerErrors(name, 'no-restricted-syntax')
    expect(errors).toHaveLength(refusals)
    for (const e of errors) expect(e).toMatch(/belong in the messages\.ts of its folder/)
  })
})
