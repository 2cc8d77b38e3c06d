import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderDependencyDocs, runtimeClosure } from '../../scripts/dependency-docs'

describe('the runtime dependencies', () => {
  it('docs/dependencies.md lists the closure package-lock.json ships (run `npx tsx scripts/gen-dependency-docs.ts`)', () => {
    expect(readFileSync('docs/dependencies.md', 'utf8')).toBe(renderDependencyDocs())
  })

  it('walks the lock the way node resolves: nested copies before hoisted ones', () => {
    const lock = {
      packages: {
        '': { dependencies: { a: '^1', b: '^1' }, devDependencies: { t: '^1' } },
        'node_modules/a': { version: '1.0.0', dependencies: { c: '^2' } },
        'node_modules/a/node_modules/c': { version: '2.0.0' },
        'node_modules/b': {
          version: '1.0.0',
          dependencies: { c: '^1' },
          peerDependencies: { p: '*', q: '*' },
          peerDependenciesMeta: { q: { optional: true } },
        },
        'node_modules/c': { version: '1.0.0' },
        'node_modules/p': { version: '1.0.0' },
        'node_modules/q': { version: '1.0.0' },
        'node_modules/t': { version: '1.0.0' },
      },
    }
    const { via } = runtimeClosure(lock)
    expect(Object.fromEntries([...via].map(([path, by]) => [path, [...by]]))).toEqual({
      'node_modules/a': ['a'],
      'node_modules/a/node_modules/c': ['a'],
      'node_modules/b': ['b'],
      'node_modules/c': ['b'],
      'node_modules/p': ['b'],
    })
  })
})
