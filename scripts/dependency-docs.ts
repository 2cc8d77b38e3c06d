/**
 * The runtime dependency closure, from package-lock.json: what the installers ship besides the app's own
 * code. `npx tsx scripts/gen-dependency-docs.ts` writes docs/dependencies.md; a test fails when it is stale.
 */
import { readFileSync } from 'node:fs'

interface LockPackage {
  version?: string
  license?: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
  optional?: boolean
}
interface Lock {
  packages: Record<string, LockPackage & { name?: string }>
}

/** Where node would find `name` when required from the package at lock path `from`, walking up. */
function resolveIn(lock: Lock, from: string, name: string): string | undefined {
  let dir = from
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`
    if (lock.packages[candidate]) return candidate
    if (!dir) return undefined
    // "node_modules/a/node_modules/b" → "node_modules/a" → "" (the project root).
    const up = dir.lastIndexOf('/node_modules/')
    dir = up < 0 ? '' : dir.slice(0, up)
  }
}

const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)

function requires(p: LockPackage): string[] {
  const peers = Object.keys(p.peerDependencies ?? {}).filter((n) => !p.peerDependenciesMeta?.[n]?.optional)
  return [...Object.keys(p.dependencies ?? {}), ...Object.keys(p.optionalDependencies ?? {}), ...peers]
}

export interface Closure {
  direct: { name: string; range: string; path: string }[]
  /** Lock path → the direct dependencies that bring it in. */
  via: Map<string, Set<string>>
}

export function runtimeClosure(lock: Lock): Closure {
  const root = lock.packages['']
  const direct = Object.entries(root.dependencies ?? {}).map(([name, range]) => ({ name, range, path: resolveIn(lock, '', name) ?? '' }))
  const via = new Map<string, Set<string>>()
  for (const d of direct) {
    const stack = [d.path]
    const seen = new Set<string>()
    while (stack.length) {
      const path = stack.pop()!
      if (!path || seen.has(path)) continue
      seen.add(path)
      if (!via.has(path)) via.set(path, new Set())
      via.get(path)!.add(d.name)
      for (const n of requires(lock.packages[path])) {
        const found = resolveIn(lock, path, n)
        if (found) stack.push(found)
      }
    }
  }
  return { direct, via }
}

export function renderDependencyDocs(lockText = readFileSync('package-lock.json', 'utf8')): string {
  const lock = JSON.parse(lockText) as Lock
  const { direct, via } = runtimeClosure(lock)
  const root = lock.packages['']
  const row = (cells: (string | number)[]) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`
  const paths = [...via.keys()].sort((a, b) => nameOf(a).localeCompare(nameOf(b)) || a.localeCompare(b))
  const lines = [
    '# Runtime dependencies',
    '',
    'Generated from `package-lock.json` by `npx tsx scripts/gen-dependency-docs.ts`; `test/security/dependencies.test.ts`',
    'fails when this file is stale. These are the packages the installers ship beside the app (the root `dependencies`',
    'and everything they require, optional and peer requirements included); development tools are not listed.',
    '',
    `${direct.length} direct, ${via.size} in the closure.`,
    '',
    '## Direct',
    '',
    row(['Package', 'Range', 'Locked', 'License', 'Packages it brings (itself included)']),
    row(['---', '---', '---', '---', '---']),
    ...direct.map((d) =>
      row([
        d.name,
        d.range,
        lock.packages[d.path]?.version ?? 'missing',
        lock.packages[d.path]?.license ?? '?',
        [...via.values()].filter((s) => s.has(d.name)).length,
      ]),
    ),
    '',
    ...(root.optionalDependencies
      ? [
          `Installed but not shipped: ${Object.keys(root.optionalDependencies)
            .map((n) => `\`${n}\``)
            .join(', ')} (optional; \`electron-builder.yml\` leaves it out of the app, the installer carries the Electron runtime itself).`,
          '',
        ]
      : []),
    '## Closure',
    '',
    row(['Package', 'Version', 'License', 'Brought by']),
    row(['---', '---', '---', '---']),
    ...paths.map((p) =>
      row([
        p.split('node_modules/').slice(1).join(' › ').replace(/\/$/, ''),
        lock.packages[p].version ?? '?',
        lock.packages[p].license ?? '?',
        [...via.get(p)!].sort().join(', '),
      ]),
    ),
    '',
  ]
  return lines.join('\n')
}
