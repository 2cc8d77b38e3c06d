import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { chromium, type Page } from 'playwright'
import { gtinCheckDigit } from '../../shared/scan'
import { DEMO_USERS } from '../../electron/core/session/session-service'
import { WEB_NODE_FLAGS } from '../../scripts/web-shell.mjs'
import { startWebShellProcess } from '../../test/support/web-shell-process'
import { percentile, type BenchCase, type BenchResult } from '../harness'

const SALES = Number(process.env.BENCH_SCREEN_SALES ?? 100)
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const ROOT = resolve(import.meta.dirname, '..', '..')
const PEOPLE = ['liuWife', 'wangFather', 'zhangHusband', 'liRetired']

const ean13 = (n: number) => {
  const body = '6901' + String(n).padStart(8, '0')
  return body + gtinCheckDigit(body)
}
/** 布洛芬缓释胶囊 (SP00012): insured, OTC, one traceability code a box. */
const IBUPROFEN = ean13(1012)
let serial = 0
const traceCode = () => '8100009' + String(Date.now() % 1e7).padStart(7, '0') + String(++serial).padStart(6, '0')

/** What one timed key took: to the screen drawn, and of that the call it made (request sent → answer read). */
interface KeyTime {
  drawn: number
  /** The call's round trip: HTTP both ways, the shell, the core's work. */
  call: number
  /** From the answer read to the frame drawn: the renderer's part after the call. */
  after: number
}

/**
 * Times, inside the page, from the key's keydown to the first frame after `selector` is in the document:
 * the watch is armed before the key is pressed, a MutationObserver sees the element, and the next
 * animation frame is when it is drawn. Playwright's own round trips are outside the figure. The call
 * `name` the key made is read from Resource Timing, so the figure splits into the call and the rest.
 */
async function timeKey(page: Page, key: string, selector: string, name: string): Promise<KeyTime> {
  // A string, not a function: tsx names the bundled functions with a helper the page does not have.
  await page.evaluate(`(() => {
    performance.clearResourceTimings()
    window.__drawn = new Promise((res) => {
      const mo = new MutationObserver(() => {
        if (window.__keyAt === undefined || !document.querySelector(${JSON.stringify(selector)})) return
        mo.disconnect()
        requestAnimationFrame(() => res(performance.now() - window.__keyAt))
      })
      mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
    })
    window.__keyAt = undefined
  })()`)
  await page.keyboard.press(key)
  return (await page.evaluate(`window.__drawn.then((drawn) => {
    const call = performance.getEntriesByType('resource').find((e) => e.name.endsWith(${JSON.stringify('/api/call/' + name)}) && e.startTime >= window.__keyAt)
    return { drawn, call: call ? call.responseEnd - call.startTime : NaN, after: call ? drawn - (call.responseEnd - window.__keyAt) : NaN }
  })`)) as KeyTime
}

export const cases: BenchCase[] = [
  {
    name: 'a sale on the screen in Chromium',
    issue: 20,
    notes: 'screen-path',
    async run(): Promise<BenchResult[]> {
      execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], { cwd: ROOT, stdio: 'ignore' })
      const shell = await startWebShellProcess({ built: true, nodeFlags: WEB_NODE_FLAGS })
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true })
      try {
        const page = await browser.newPage()
        await page.addInitScript({
          content: "addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === 'F10') window.__keyAt = e.timeStamp }, true)",
        })
        await page.goto(shell.launchUrl)
        await page.locator('body[data-app-ready="true"]').waitFor({ state: 'attached' })
        const cashier = DEMO_USERS.find((u) => u.role === 'cashier')!
        await page.getByLabel('工号').fill(cashier.id)
        await page.getByLabel('密码').fill(cashier.pin)
        await page.keyboard.press('Enter')
        await page.getByTestId('signed-in-user').waitFor()
        // A fresh install imports the training catalog in the background: wait until the item scans.
        for (let tries = 0; ; tries++) {
          await page.keyboard.type(IBUPROFEN)
          await page.keyboard.press('Enter')
          try {
            await page.locator('tr[data-store-code="SP00012"]').waitFor({ timeout: 1000 })
            break
          } catch (e) {
            if (tries > 60) throw e
          }
        }
        await page.keyboard.press('Escape')
        await page.getByRole('dialog', { name: '整单取消' }).waitFor()
        await page.keyboard.press('Enter')
        await page.locator('tr[data-store-code]').first().waitFor({ state: 'detached' })

        const scans: KeyTime[] = []
        const settles: KeyTime[] = []
        const started = performance.now()
        for (let i = 0; i < SALES; i++) {
          const qr = await page.locator(`[data-member="${PEOPLE[i % PEOPLE.length]}"]`).getAttribute('data-qr')
          await page.keyboard.type(qr!)
          await page.keyboard.press('Enter')
          await page.getByTestId('member').waitFor()
          await page.locator('tr[data-store-code]').first().waitFor({ state: 'detached' })
          await page.keyboard.type(IBUPROFEN)
          scans.push(await timeKey(page, 'Enter', 'tr[data-store-code="SP00012"]', 'lookupBarcode'))
          await page.keyboard.type(traceCode())
          await page.keyboard.press('Enter')
          await page.locator('tr[data-store-code="SP00012"]', { hasText: '1/1' }).waitFor()
          await page.keyboard.type('SG00001')
          scans.push(await timeKey(page, 'Enter', 'tr[data-store-code="SG00001"]', 'lookupStoreCode'))
          await page.keyboard.press('F8')
          await page.getByTestId('cash-due').waitFor()
          settles.push(await timeKey(page, 'F10', 'section.pay-strip.done', 'settleSale'))
        }
        const perSale = (performance.now() - started) / SALES
        const r = (x: number) => Math.round(x * 10) / 10
        const p = (times: KeyTime[], part: keyof KeyTime, q: number) =>
          r(
            percentile(
              times.map((t) => t[part]).filter((x) => !Number.isNaN(x)),
              q,
            ),
          )
        return [
          {
            metric: 'scan → line drawn, p50',
            value: p(scans, 'drawn', 50),
            unit: 'ms',
            note: `${scans.length} scans (an insured drug by barcode, goods by store code)`,
          },
          {
            metric: 'scan → line drawn, p99',
            value: p(scans, 'drawn', 99),
            unit: 'ms',
            target: '< 50 ms',
            note: `max ${r(Math.max(...scans.map((t) => t.drawn)))} ms`,
          },
          {
            metric: "of which the lookup's round trip, p50 / p99",
            value: p(scans, 'call', 50),
            unit: 'ms',
            note: `p99 ${p(scans, 'call', 99)} ms: request sent → answer read`,
          },
          {
            metric: 'of which answer → line drawn, p50 / p99',
            value: p(scans, 'after', 50),
            unit: 'ms',
            note: `p99 ${p(scans, 'after', 99)} ms: the renderer, then the next frame`,
          },
          {
            metric: 'F10 → result drawn, p50',
            value: p(settles, 'drawn', 50),
            unit: 'ms',
            note: `${settles.length} insured sales settled (2102 through the in-process training platform)`,
          },
          {
            metric: 'F10 → result drawn, p99',
            value: p(settles, 'drawn', 99),
            unit: 'ms',
            target: '< 250 ms',
            note: `max ${r(Math.max(...settles.map((t) => t.drawn)))} ms`,
          },
          { metric: "of which settleSale's round trip, p50 / p99", value: p(settles, 'call', 50), unit: 'ms', note: `p99 ${p(settles, 'call', 99)} ms` },
          { metric: 'of which answer → result drawn, p50 / p99', value: p(settles, 'after', 50), unit: 'ms', note: `p99 ${p(settles, 'after', 99)} ms` },
          {
            metric: 'a whole sale driven by the bench',
            value: Math.round(perSale),
            unit: 'ms',
            note: "QR, two scans, a traceability code, F8, F10, with Playwright's waits between",
          },
        ]
      } finally {
        await browser.close()
        await shell.stop()
      }
    },
  },
]
