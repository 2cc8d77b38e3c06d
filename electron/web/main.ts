import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createCore } from '../core/core'
import { defaultDataDir } from '../core/paths'
import { trainingPlatform } from '../sandbox/training'
import { findChromium, hasDisplay, openAppWindow } from './browser'
import { startWebShell } from './server'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    data: { type: 'string' },
    renderer: { type: 'string', default: join(root, 'out/renderer') },
    open: { type: 'boolean', default: hasDisplay() },
    'no-open': { type: 'boolean', default: false },
  },
})

const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
const dataDir = resolve(values.data ?? defaultDataDir())
/**
 * A script that drives the API beside the page (the end-to-end tests) chooses the token and passes it in
 * the environment, which only this account can read; it is taken out at once, so no child inherits it.
 */
function tokenFromEnvironment(): string | undefined {
  const given = process.env.GONGJI_WEB_TOKEN
  delete process.env.GONGJI_WEB_TOKEN
  if (given === undefined) return undefined
  if (!/^[0-9a-f]{64}$/.test(given)) throw new Error('GONGJI_WEB_TOKEN must be 64 hex digits (32 random bytes)')
  return given
}

const token = tokenFromEnvironment()
// Tests shorten the wait for a customer's password (e.g. "200,3000" ms); a store keeps the providers' advice.
const payTiming = process.env.GONGJI_MOBILE_PAY_TIMING?.match(/^(\d+),(\d+)$/)
const mobilePay = payTiming ? { pollMs: Number(payTiming[1]), deadlineMs: Number(payTiming[2]) } : undefined
// Tests of several counters of one store run their shells on one training platform: its data directory, shared.
const sharedTrainingDir = process.env.GONGJI_TRAINING_PLATFORM_DIR
const training = trainingPlatform()
const core = await createCore(
  { dataDir, shell: 'web', version, mobilePay },
  { training: sharedTrainingDir ? { ...training, start: () => training.start(sharedTrainingDir) } : training },
)
const shell = await startWebShell({ core, rendererDir: resolve(values.renderer), port: Number(values.port), token })

// First line of output: tests and scripts read the URL from it. It carries a one-time launch code, not
// the token: this line ends up in service logs, and the browser's command line is readable by every user.
process.stdout.write(`${shell.launchUrl}\n`)
process.stdout.write(`共济收银（浏览器模式）已启动，数据目录：${dataDir}\n`)

const browser = findChromium()
if (values.open && !values['no-open'] && browser) openAppWindow(browser, shell.launchUrl, dataDir)
else process.stdout.write('请在浏览器中打开上面的地址（含一次性启动码，10 分钟内有效，只能使用一次）。\n')

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  process.stdout.write(`收到 ${signal}，正在完成进行中的操作并关闭…\n`)
  await shell.close()
  await core.close()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
