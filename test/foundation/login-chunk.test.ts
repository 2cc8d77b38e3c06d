import { readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..', '..')

/** A module's imports that load it with its importer: static, not `import type`, not all-type specifiers, not `import()`. */
function loadedImports(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const out: string[] = []
  for (const s of src.statements) {
    if (!(ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) || !s.moduleSpecifier || !ts.isStringLiteral(s.moduleSpecifier)) continue
    if (ts.isImportDeclaration(s)) {
      const clause = s.importClause
      if (clause?.isTypeOnly) continue
      const named = clause?.namedBindings
      const onlyTypes = clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)
      if (onlyTypes) continue
    } else if (s.isTypeOnly) continue
    const spec = s.moduleSpecifier.text
    if (!spec.startsWith('.')) continue
    const base = resolve(dirname(file), spec)
    const found = ['.ts', '.tsx', '/index.ts', '/index.tsx', ''].map((ext) => base + ext).find((p) => ts.sys.fileExists(p) && !p.endsWith('.css'))
    if (found) out.push(found)
  }
  return out
}

/** Every source module evaluated before the renderer's entry runs: what the login screen waits for. */
function loginModules(): Set<string> {
  const seen = new Set<string>()
  const stack = [resolve(ROOT, 'renderer/src/main.tsx')]
  while (stack.length) {
    const f = stack.pop()!
    if (seen.has(f)) continue
    seen.add(f)
    stack.push(...loadedImports(f))
  }
  return new Set([...seen].map((f) => relative(ROOT, f)))
}

describe("the login screen's chunk (docs/bench-notes/web-start.md)", () => {
  const modules = loginModules()

  it('builds none of the contract’s calls or events: each concern is loaded with its first call or event', () => {
    const whole = [...modules].filter((m) => /^shared\/contract\/(index|calls|events)\.ts$|^shared\/contract\/[^/]+\/(calls|events)\.ts$/.test(m))
    expect(whole).toEqual([])
    // What it does hold to check every answer: the envelope, the names, and the loaders.
    for (const m of ['shared/contract/envelope.ts', 'shared/contract/names.ts', 'shared/contract/by-concern.ts', 'renderer/src/api/checked.ts']) {
      expect(modules.has(m), m).toBe(true)
    }
    // Nor any screen: each workspace is its own chunk.
    expect([...modules].filter((m) => m.startsWith('renderer/src/screens/'))).toEqual([])
  })
})
