import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { chromium, type Browser } from 'playwright'
import { buildIfNeeded } from '../../scripts/build-if-needed.mjs'
import { catalogued } from '../catalog-data'
import { elapsedMs, percentile, type BenchCase, type BenchResult } from '../harness'

const COUNT = Number(process.env.BENCH_MEMORY_ITEMS ?? 500_000)
const RUNS = Number(process.env.BENCH_WEB_START_RUNS ?? 7)
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const ROOT = resolve(import.meta.dirname, '..', '..')

/**
 * Runs a command that starts the browser shell, opens the URL it prints in Chromium and times it from the
 * command to the login screen drawn; also when the URL line came. The command runs in its own process
 * group (npm, sh, the launcher and the shell), which is stopped as one afterwards.
 */
async function startToLogin(browser: Browser, command: string[]): Promise<{ totalMs: number; urlMs: number; pageMs: number }> {
  const start = process.hrtime.bigint()
  const child = spawn(command[0], command.slice(1), { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const url = await new Promise<string>((res, rej) => {
      // npm and a build print their own lines first; the shell's URL line is the first http one.
      createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('http://') && res(line.trim()))
      child.once('exit', (code) => rej(new Error(`${command.join(' ')} exited with ${code}`)))
    })
    const urlMs = elapsedMs(start)
    const page = await browser.newPage()
    try {
      await page.goto(url)
      await page.locator('body[data-app-ready="true"]').waitFor({ state: 'attached' })
      await page.getByLabel('工号').waitFor({ state: 'visible' })
      const totalMs = elapsedMs(start)
      // The page's own clock starts at navigation: the renderer's share (fetch, parse, first calls, draw).
      return { totalMs, urlMs, pageMs: Number(await page.evaluate('performance.now()')) }
    } finally {
      await page.close()
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r))
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM')
    await exited
  }
}

async function runs(browser: Browser, command: string[], n: number): Promise<{ total: number[]; url: number[]; page: number[] }> {
  const total: number[] = []
  const url: number[] = []
  const page: number[] = []
  for (let i = 0; i < n; i++) {
    const r = await startToLogin(browser, command)
    total.push(r.totalMs)
    url.push(r.urlMs)
    page.push(r.pageMs)
  }
  return { total, url, page }
}

const list = (xs: number[]) => xs.map((t) => Math.round(t)).join(', ')

export const cases: BenchCase[] = [
  {
    name: `browser shell start to login screen with ${COUNT.toLocaleString('en')} catalog items`,
    issue: 20,
    findings: `
**Where the time went (before).** The catalog's size did not matter: an empty data directory started as
slowly. A CPU profile of a start (3.1 s to the URL line, loaded machine) had \`createCore\` at 115 ms and
the training platform's start at 37 ms; the rest was Node loading and compiling the modules through the
tsx loader (ESM hooks, TypeScript transformed at run time, ~900 files) and the collector.

**What changed it.** The browser shell is built by electron-vite beside the Electron main
(\`electron.vite.config.ts\`: a second entry, \`out/main/web.js\`, sharing the core's chunk; the import
worker is bundled as for Electron). \`npm start\` builds when any source under renderer/, electron/ or
shared/ is newer than the output (before, a change in the core did not rebuild the Electron main either),
checks the native module in its own process (a second Node only to check cost ~0.1 s quiet, 0.3 s
loaded), then runs \`node out/main/web.js\`. A profile of the built start then showed module loading first:
serialport (0.1-0.3 s), node-thermal-printer and jszip were loaded by every start though only a serial
scanner, a driver printer or a zipped platform file needs them; they are loaded then now
(test/foundation/start-built.test.ts checks the process's memory map). The "from source" row runs the
shell as \`npm start\` did before (\`node --import tsx electron/web/main.ts\`), same data, same window.

**Left.** What remains in the built start is Node itself, compiling the 0.9 MB core bundle, zod and
pinyin-pro at load, \`createCore\` (0.5 s loaded: the start-up checkpoint that scrubs the WAL, recovery),
and in Chromium the 1.35 MB renderer bundle in one chunk (0.3-1 s from navigation to the login screen
here; its three first calls answer in ~60 ms together). Runs of this case on 2026-12-05, load average
11-25 on the 2 cores: \`npm start\` to the drawn login p50 5.97 s (load 25, the manager's day selling
beside it) → 2.85 s (load 12-15) → 1.85 and 1.96 s (load 11-13; the URL line at 0.93-1.0 s); from source in
the same windows 6.96, 2.97, 3.02 and 3.27 s. **The < 1.5 s target is not met on this machine under this
load**; the shell's part (to its URL line) is under 1 s, the rest is npm and Chromium drawing the renderer.
Splitting the renderer's bundle (workspaces loaded when opened) is the next step, for the renderer's owner.

**This session (issue 20): the renderer split.** Resource Timing in the page showed the one renderer chunk
(1.5 MB: electron-vite leaves the renderer unminified) fetched in ~40 ms and then evaluated before the
launch token was asked for and React drew anything. Each workspace is now its own chunk, fetched when its
tab is first opened (\`renderer/src/workspaces.ts\`: React.lazy, the Suspense boundary in App.tsx); all
of them are fetched once the login has been drawn and the page is idle, so a cashier does not wait for one
after the PIN, and a screen already fetched mounts at once (a key pressed the instant a tab opens reaches
it, as e2e foundation's F9 in 设置 needs); and the renderer is minified (electron.vite.config.ts). The login now loads 0.48 MB (the
entry 229 kB and the shared chunk 247 kB) instead of 1.5 MB. Measured side by side (the built shell of main
and of this branch in turn, 7 starts each after a warm-up, the same 500,000-item data directory, load
average 19-22; two such runs): built shell to login drawn p50 4,048 → 3,590 and 3,845 → 3,592 ms; in
the page, navigation to login drawn, 1,246 → 1,158 and 1,254 → 1,095 ms (the second run with the
counter's chunk fetched after the login is drawn; fetched at "ready" it had delayed that draw).
At a quieter moment (load 5, 13:48 UTC, the final code: every screen fetched after the login is drawn),
the same side by side: \`npm start\` to login drawn p50 1,278 ms (main) → 1,150 ms (this branch), the page's
share 490 → 415 ms; the built shell alone 1,179 → 1,154 ms, its page share 562 → 502 ms. Under 1.5 s on
both at that load; the branch's saving is the page's.
\`npm start\` itself costs more than the page at load 20: npm's own start ~1.1 s (\`npm run -s env\`
alone), the build check ~50 ms and the native check ~30 ms in the launcher.

**Left.** The page's timeline (same load): the chunks arrive by ~0.3 s; evaluating them takes 0.2-0.6 s
before React's first render, and most of that is building every zod schema of the contract: the login's
chunk imports \`shared/contract\`'s index (api/web-transport.ts for \`CallResultSchema\`,
\`EventMessageSchema\` and \`CALL_NAMES\`; App.tsx for two helpers), and a schema built at import is a
side effect no bundler drops. A login chunk that imports only the names and the call envelope (the
contract split per concern, the event schemas checked where each event is listened to) is the next step;
it touches shared/contract, outside this work's scope. On this machine the < 1.5 s target is met at load
~5 and not at load 20; the table above is the last session's run.
`,
    async run(): Promise<BenchResult[]> {
      buildIfNeeded()
      const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-web-start-'))
      // Chromium is started once beforehand: an installed browser opening a window is not the shell's start.
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true })
      try {
        const dataDir = join(dir, 'data')
        await catalogued(COUNT, dataDir)
        const args = ['--port', '0', '--data', dataDir, '--no-open']
        // The load gauge: a bare Node process to exit (~40-60 ms on a quiet machine).
        const bare = Array.from({ length: 5 }, () => {
          const t = process.hrtime.bigint()
          execFileSync(process.execPath, ['-e', '0'])
          return elapsedMs(t)
        })
        const npmStart = await runs(browser, ['npm', 'start', '--', ...args], RUNS)
        const built = await runs(browser, [process.execPath, 'out/main/web.js', ...args], RUNS)
        const source = await runs(browser, [process.execPath, '--import', 'tsx', 'electron/web/main.ts', ...args], Math.min(RUNS, 3))
        const p50 = (xs: number[]) => Math.round(percentile(xs, 50))
        return [
          {
            metric: '`npm start` to login screen drawn, p50',
            value: p50(npmStart.total),
            unit: 'ms',
            target: '< 1.5 s',
            note: `${RUNS} starts: ${list(npmStart.total)} ms; headless Chromium started beforehand`,
          },
          { metric: '`npm start` to login screen drawn, max', value: Math.round(Math.max(...npmStart.total)), unit: 'ms', target: '< 1.5 s' },
          {
            metric: "of which: `npm start` to the shell's URL line (npm, build check, launcher, Node, core, server)",
            value: p50(npmStart.url),
            unit: 'ms',
            note: 'p50',
          },
          {
            metric: 'of which: in the page, navigation to login screen drawn (renderer chunks fetched, parsed, first calls, drawn)',
            value: p50(npmStart.page),
            unit: 'ms',
            note: `p50; ${list(npmStart.page)} ms`,
          },
          {
            metric: 'built shell alone (node out/main/web.js) to login screen drawn, p50',
            value: p50(built.total),
            unit: 'ms',
            note: `URL line p50 ${p50(built.url)} ms; ${list(built.total)} ms`,
          },
          {
            metric: 'from source, as before (node --import tsx electron/web/main.ts) to login screen drawn, p50',
            value: p50(source.total),
            unit: 'ms',
            note: `URL line p50 ${p50(source.url)} ms; ${list(source.total)} ms`,
          },
          { metric: 'load gauge: `node -e 0`, p50', value: p50(bare), unit: 'ms', note: `${list(bare)} ms; ~40-60 ms on a quiet machine` },
          {
            metric: 'ratio from source / built, to the URL line (p50)',
            value: Math.round((percentile(source.url, 50) / percentile(built.url, 50)) * 10) / 10,
            unit: 'x',
            note: 'the same command but the entry; tsx keeps its transforms cached on disk between runs',
          },
        ]
      } finally {
        await browser.close()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  },
]
