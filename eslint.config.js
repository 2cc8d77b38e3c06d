import path from 'node:path'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const NO_ELECTRON = { name: 'electron', message: 'The core runs without Electron; put Electron glue in electron/main.' }
const NO_NODE = { group: ['node:*'], message: 'shared/ runs in the renderer too: no Node APIs.' }

/**
 * The layer map: what a file under each folder may import, beyond npm packages. `deny` lists the folders a
 * layer must not reach; `only` (instead) lists the only folders outside its own it may reach.
 */
const LAYERS = [
  {
    folder: 'electron/core',
    deny: ['electron/sandbox', 'electron/main', 'electron/web', 'electron/store-node'],
    why: 'The core reaches the simulator only through the TrainingPlatform port (electron/core/platform/training-port.ts) and never its shells.',
    paths: [NO_ELECTRON],
  },
  {
    folder: 'electron/sandbox',
    only: ['shared', 'electron/base'],
    why: 'The simulator stands beside the product: it imports only shared/ and electron/base/.',
    paths: [NO_ELECTRON],
  },
  {
    folder: 'electron/base',
    deny: ['electron/core', 'electron/sandbox', 'electron/main', 'electron/web'],
    why: 'electron/base (database, statement cache, clock) is the floor the core and the simulator stand on: it imports neither.',
    paths: [NO_ELECTRON],
  },
  {
    folder: 'electron/store-node',
    only: ['shared', 'electron/base'],
    why: 'The store node is its own service: it imports only shared/ and electron/base/, never the counter core; the wire is shared/contract/sync/.',
    paths: [NO_ELECTRON, 'better-sqlite3'],
  },
  { folder: 'electron/web', paths: [NO_ELECTRON] },
  {
    folder: 'shared',
    deny: ['electron', 'renderer'],
    why: 'shared/ is the ground floor: it imports nothing under electron/ or renderer/.',
    paths: [NO_ELECTRON, 'better-sqlite3'],
    patterns: [NO_NODE],
  },
  {
    folder: 'renderer',
    patterns: [{ group: ['node:*', '**/electron/**'], message: 'The renderer knows only the contract in shared/.' }],
  },
]

const NO_FLOAT = { selector: "CallExpression[callee.name='parseFloat']", message: 'Money is decimal.js or integer fen, never a float.' }

/**
 * The money tables have one owner, the ledger (electron/core/ledger/): SQL that names `sales`,
 * `sale_lines` or `sold_trace_codes` anywhere else in the core is refused; ask the ledger's named
 * queries instead. Written as SQL is written here (upper-case keywords), in strings and templates alike.
 */
const MONEY_TABLE_SQL = String.raw`/\b(FROM|JOIN|INTO|UPDATE)\s+(sales|sale_lines|sold_trace_codes)\b/`
const MONEY_TABLES_WHY = 'Only the ledger (electron/core/ledger/) runs SQL on sales, sale_lines and sold_trace_codes: use its named queries.'
const NO_MONEY_TABLE_SQL = [
  { selector: `Literal[value=${MONEY_TABLE_SQL}]`, message: MONEY_TABLES_WHY },
  { selector: `TemplateElement[value.raw=${MONEY_TABLE_SQL}]`, message: MONEY_TABLES_WHY },
]

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/**
 * Relative import paths name no folder, only a way from the importing file, so each layer's rule is
 * written once per depth below its folder (the deepest file today is three folders down): from a file
 * `depth` folders down, `../` depth + 1 times leaves the layer, and what follows says where it lands.
 */
function layerBlocks({ folder, deny = [], only, why = '', paths = [], patterns = [] }, maxDepth = 8) {
  return Array.from({ length: maxDepth + 1 }, (_, depth) => {
    const here = path.posix.join(folder, ...Array.from({ length: depth }, (_, i) => `_${i}`))
    const way = (target) => `${escape(path.posix.relative(here, target))}(/|$)`
    const layered = only
      ? [{ regex: `^(?=(\\.\\./){${depth + 1}})(?!${only.map(way).join('|')})`, message: why }]
      : deny.map((target) => ({ regex: `^${way(target)}`, message: why }))
    return {
      files: [`${folder}/${'*/'.repeat(depth)}*.{ts,tsx}`],
      rules: { 'no-restricted-imports': ['error', { paths, patterns: [...patterns, ...layered] }] },
    }
  })
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/support/lint-fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', NO_FLOAT],
    },
  },
  ...LAYERS.flatMap((layer) => layerBlocks(layer)),
  {
    files: ['electron/core/**/*.ts'],
    ignores: [
      'electron/core/ledger/**',
      // The history of the tables themselves.
      'electron/core/store/migrations/**',
      // The offline queue's own tables, joined to a sale for a few of its columns; they move with the
      // offline concern's store (docs/architecture.md, "The ledger").
      'electron/core/offline/queue.ts',
      'electron/core/offline/service.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', NO_FLOAT, ...NO_MONEY_TABLE_SQL] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
)
