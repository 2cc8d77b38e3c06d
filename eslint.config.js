import path from 'node:path'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const NO_NODE = { group: ['node:*'], message: 'shared/ runs in the renderer too: no Node APIs.' }

/**
 * The layer map: what a file under each folder may import, beyond npm packages. `deny` lists the folders a
 * layer must not reach; `only` (instead) lists the only folders outside its own it may reach.
 */
const LAYERS = [
  {
    folder: 'electron/core',
    deny: ['electron/sandbox', 'electron/main', 'electron/web', 'electron/store-node', 'dev-tools'],
    why: 'The core reaches the simulator only through the TrainingPlatform port (electron/core/platform/training-port.ts), and never its shells or the dev tools (dev-tools/: the virtual printer, the catalog generator).',
  },
  {
    folder: 'electron/sandbox',
    only: ['shared', 'electron/base'],
    why: 'The simulator stands beside the product: it imports only shared/ and electron/base/.',
  },
  {
    folder: 'electron/base',
    deny: ['electron/core', 'electron/sandbox', 'electron/main', 'electron/web'],
    why: 'electron/base (database, statement cache, clock) is the floor the core and the simulator stand on: it imports neither.',
  },
  {
    folder: 'electron/store-node',
    only: ['shared', 'electron/base'],
    why: 'The store node is its own service: it imports only shared/ and electron/base/, never the counter core; the wire is shared/contract/sync/.',
  },
  {
    folder: 'dev-tools',
    deny: ['renderer', 'electron/main', 'electron/web'],
    why: 'dev-tools/ holds instruments for tests and development (the virtual printer, the catalog generator); they never ship and use the core only as a test would.',
  },
  { folder: 'electron/web' },
  { folder: 'electron/main' },
  { folder: 'electron/preload' },
  {
    folder: 'shared',
    deny: ['electron', 'renderer'],
    why: 'shared/ is the ground floor: it imports nothing under electron/ or renderer/.',
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

/**
 * The renderer owns its words in both languages: a `.tsx` file takes them from the `messages.ts` beside it
 * (zh-CN and en side by side, through its `use…Messages()` hook), never from a Chinese literal of its own.
 * CJK here is the symbols and punctuation block (U+3000–U+303F: 。、「」【】), the unified ideographs with
 * extension A and the compatibility ideographs (U+3400–U+4DBF, U+4E00–U+9FFF, U+F900–U+FAFF) and the
 * full-width forms (U+FF00–U+FFEF: ，：（）！￥). Comments are not syntax, so they may stay Chinese.
 */
const CJK = String.raw`/[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/`
const CJK_WHY =
  'Chinese words in a .tsx file belong in the messages.ts of its folder, with the English beside them (renderer/src/i18n/index.ts, defineMessages).'
const NO_CJK_LITERAL = [
  { selector: `Literal[value=${CJK}]`, message: CJK_WHY },
  { selector: `TemplateElement[value.raw=${CJK}]`, message: CJK_WHY },
  { selector: `JSXText[value=${CJK}]`, message: CJK_WHY },
]

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/**
 * Every npm package the project depends on, classified by the layers that may import it. Tools (tests,
 * benchmarks, scripts, build and lint configuration) are `[]`: no product folder imports them. A package
 * missing here fails test/foundation/layers.test.ts, so a new dependency is placed when it arrives.
 */
export const PACKAGE_PLACES = {
  'decimal.js': ['shared', 'renderer', 'electron/core', 'electron/sandbox', 'electron/store-node', 'electron/web'],
  zod: ['shared', 'renderer', 'electron/core', 'electron/sandbox', 'electron/store-node', 'electron/web', 'electron/main'],
  react: ['renderer'],
  'react-dom': ['renderer'],
  'better-sqlite3': ['electron/base', 'electron/core'],
  pg: ['electron/store-node'],
  ws: ['electron/web'],
  electron: ['electron/main', 'electron/preload'],
  'iconv-lite': ['electron/core', 'electron/sandbox', 'dev-tools'],
  jszip: ['electron/core', 'electron/sandbox'],
  'pinyin-pro': ['electron/core'],
  serialport: ['electron/core'],
  'node-thermal-printer': ['electron/core'],
  '@napi-rs/canvas': ['dev-tools'],
  qrcode: ['dev-tools'],
  '@electron/fuses': [],
  '@eslint/js': [],
  '@playwright/test': [],
  '@types/better-sqlite3': [],
  '@types/node': [],
  '@types/pg': [],
  '@types/qrcode': [],
  '@types/react': [],
  '@types/react-dom': [],
  '@types/ws': [],
  '@vitejs/plugin-react': [],
  'app-builder-lib': [],
  'electron-builder': [],
  'electron-vite': [],
  eslint: [],
  'eslint-plugin-react-hooks': [],
  'fast-check': [],
  prettier: [],
  tsx: [],
  typescript: [],
  'typescript-eslint': [],
  vite: [],
  vitest: [],
}

/** The packages a layer may not import, as `no-restricted-imports` patterns (subpaths included). */
function packagesDeniedIn(folder) {
  return Object.entries(PACKAGE_PLACES)
    .filter(([, places]) => !places.includes(folder))
    .map(([name]) => ({
      regex: `^${escape(name)}(/|$)`,
      message:
        name === 'electron'
          ? 'Only the Electron shell (electron/main, electron/preload) imports Electron; the core runs without it.'
          : `npm package ${name} is not for ${folder}/ (each package's places: PACKAGE_PLACES in eslint.config.js).`,
    }))
}

/**
 * Relative import paths name no folder, only a way from the importing file, so each layer's rule is
 * written once per depth below its folder (the deepest file today is three folders down): from a file
 * `depth` folders down, `../` depth + 1 times leaves the layer, and what follows says where it lands.
 */
function layerBlocks({ folder, deny = [], only, why = '', patterns = [] }, maxDepth = 8) {
  return Array.from({ length: maxDepth + 1 }, (_, depth) => {
    const here = path.posix.join(folder, ...Array.from({ length: depth }, (_, i) => `_${i}`))
    const way = (target) => `${escape(path.posix.relative(here, target))}(/|$)`
    const layered = only
      ? [{ regex: `^(?=(\\.\\./){${depth + 1}})(?!${only.map(way).join('|')})`, message: why }]
      : deny.map((target) => ({ regex: `^${way(target)}`, message: why }))
    return {
      files: [`${folder}/${'*/'.repeat(depth)}*.{ts,tsx}`],
      rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, ...packagesDeniedIn(folder), ...layered] }] },
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
      'electron/core/**/*-migration.ts',
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
    files: ['renderer/**/*.tsx'],
    rules: { 'no-restricted-syntax': ['error', NO_FLOAT, ...NO_CJK_LITERAL] },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
)
