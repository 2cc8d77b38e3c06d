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
    notes: 'web-start',
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
