import { readdirSync } from 'node:fs'
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
    // core.ts (depth 0) is the composition root, not a concern. The migrations' list names each concern's
    // migration file directly: a concern's index would load its services into every database open.
    deeper: (depth) => (depth === 0 ? [] : concernIndexPatterns(depth)),
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
 * Where SQL runs. A statement is compiled and run (`.prepare`, `.exec`, `.pragma`, the statement cache's
 * `prepared`) only in a store: a `*-store.ts` file of its concern, the ledger and the journal (the money's
 * two owners), the migrations, and electron/base/store/ (the database itself). Everything else calls a store's
 * named functions, so a table's statements are found in one file. RegExp's own `exec` is left alone: only
 * an `exec` on a database (`db`, `database`) or of a written statement counts.
 */
const SQL_CALL_WHY =
  'SQL runs only in a store: a *-store.ts file of its concern, electron/core/ledger/, electron/core/journal/, migrations or electron/base/store/ (docs/architecture.md, "Where SQL runs"). Call a store\'s named function.'
const NO_SQL_CALLS = [
  { selector: 'CallExpression[callee.property.name=/^(prepare|pragma)$/]', message: SQL_CALL_WHY },
  {
    selector:
      "CallExpression[callee.property.name='exec']:matches([callee.object.name=/^(db|database)$/i], [callee.object.property.name=/^(db|database)$/i], [arguments.0.type='TemplateLiteral'], [arguments.0.type='Literal'])",
    message: SQL_CALL_WHY,
  },
  { selector: "CallExpression[callee.name='prepared']", message: SQL_CALL_WHY },
]
/** The places that may run SQL, per product folder (the sandbox and the store node: docs/architecture.md). */
const SQL_PLACES = [
  '**/*-store.ts',
  '**/*-migration.ts',
  'electron/base/store/**',
  'electron/core/ledger/**',
  'electron/core/journal/**',
  'electron/core/store/migrations/**',
  'electron/sandbox/store/**',
  'electron/store-node/database.ts',
  'electron/store-node/migrations.ts',
]
/**
 * The simulator stands in for the platform and the payment provider in tests and training: its domain/
 * files are its tables' keepers and run their statements through the statement cache; compiling or
 * running SQL directly stays in its store/ and in `*-store.ts` files, as in the core.
 */
const NO_SANDBOX_SQL_CALLS = NO_SQL_CALLS.filter((r) => !r.selector.includes("callee.name='prepared'"))
/**
 * The store node runs PostgreSQL through `pg`: `query` is its one way in, kept to database.ts,
 * migrations.ts and `*-store.ts` files.
 */
const STORE_NODE_SQL = {
  selector: "CallExpression[callee.property.name='query']",
  message: 'The store node runs SQL only in database.ts, migrations.ts and *-store.ts files (docs/architecture.md, "Where SQL runs").',
}

/**
 * Concerns meet through their index.ts: from another concern's folder a file imports `../<concern>` (its
 * index), never a file inside it, so a concern's inside can change without its neighbours noticing. Every
 * folder under electron/core/ is a concern and closed this way, so a new one is closed from its first file;
 * one that nobody imports yet (clinic) needs no index.ts until someone does.
 */
const INDEXED_CONCERNS = readdirSync(path.join(import.meta.dirname, 'electron/core'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
const INDEX_WHY = (c) => `Another concern is reached through its index.ts: import from '../${c}', not a file inside it (eslint.config.js, INDEXED_CONCERNS).`
/** From a file `depth` folders below electron/core/<concern>/ (depth 1: the concern's own folder). */
function concernIndexPatterns(depth) {
  return INDEXED_CONCERNS.map((c) => ({ regex: `^(\\.\\./){${depth}}${c}/(?!index$)`, message: INDEX_WHY(c) }))
}

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
function layerBlocks({ folder, deny = [], only, why = '', patterns = [], deeper = () => [] }, maxDepth = 8) {
  return Array.from({ length: maxDepth + 1 }, (_, depth) => {
    const here = path.posix.join(folder, ...Array.from({ length: depth }, (_, i) => `_${i}`))
    const way = (target) => `${escape(path.posix.relative(here, target))}(/|$)`
    const layered = only
      ? [{ regex: `^(?=(\\.\\./){${depth + 1}})(?!${only.map(way).join('|')})`, message: why }]
      : deny.map((target) => ({ regex: `^${way(target)}`, message: why }))
    return {
      files: [`${folder}/${'*/'.repeat(depth)}*.{ts,tsx}`],
      rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, ...packagesDeniedIn(folder), ...layered, ...deeper(depth)] }] },
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
  // The core's store/ (the migrations' list) keeps the core's layer rules without the concerns' index rule.
  ...layerBlocks({ ...LAYERS[0], deeper: () => [] })
    .slice(1)
    .map((block) => ({ ...block, files: block.files.map((f) => f.replace(/^electron\/core\/\*\//, 'electron/core/store/')) })),
  // no-restricted-syntax: a later block replaces an earlier one's list for the files both match, so each
  // block below carries every rule its files keep.
  {
    files: ['electron/core/**/*.ts'],
    ignores: [
      'electron/core/ledger/**',
      // The history of the tables themselves.
      'electron/core/store/migrations/**',
      'electron/core/**/*-migration.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', NO_FLOAT, ...NO_MONEY_TABLE_SQL, ...NO_SQL_CALLS] },
  },
  {
    files: ['electron/core/**/*-store.ts', 'electron/core/journal/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_FLOAT, ...NO_MONEY_TABLE_SQL] },
  },
  {
    files: ['electron/sandbox/**/*.ts', 'electron/main/**/*.ts', 'electron/web/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: SQL_PLACES,
    rules: { 'no-restricted-syntax': ['error', NO_FLOAT, ...NO_SANDBOX_SQL_CALLS] },
  },
  {
    files: ['electron/store-node/**/*.ts'],
    ignores: SQL_PLACES,
    // `.prepare` there is a service's own method (pg has none): only `query` runs SQL.
    rules: { 'no-restricted-syntax': ['error', NO_FLOAT, STORE_NODE_SQL] },
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
