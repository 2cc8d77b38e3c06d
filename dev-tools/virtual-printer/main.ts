import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { PAPER_COLUMNS, paperWidthSchema } from '../../shared/receipt'
import { renderReceiptPng } from './render-png'
import { VirtualPrinter, type VirtualPrinterMode } from './server'

/**
 * The virtual receipt printer for demos and end-to-end tests:
 *   npx tsx electron/core/devices/virtual-printer/main.ts [--port 9100] [--paper 80] [--out dir] [--mode online]
 * The first stdout line is its address (tcp://127.0.0.1:PORT), for scripts to read; then each receipt's
 * text follows, and with --out a PNG and a .txt per receipt. SIGINT/SIGTERM stop it.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    paper: { type: 'string', default: '80' },
    out: { type: 'string' },
    mode: { type: 'string', default: 'online' },
    'slow-ms': { type: 'string', default: '2000' },
  },
})

const paper = paperWidthSchema.parse(values.paper)
const columns = PAPER_COLUMNS[paper]
const modes: VirtualPrinterMode[] = ['online', 'paper-out', 'cover-open', 'slow', 'silent']
if (!modes.includes(values.mode as VirtualPrinterMode)) throw new Error(`--mode must be one of ${modes.join(', ')}`)
const outDir = values.out ? resolve(values.out) : undefined
if (outDir) mkdirSync(outDir, { recursive: true })

const printer = new VirtualPrinter({ port: Number(values.port), columns, slowMs: Number(values['slow-ms']) })
printer.mode = values.mode as VirtualPrinterMode
let count = 0
printer.on('receipt', (receipt) => {
  count++
  const text = receipt.lines.map((l) => l.text).join('\n')
  process.stdout.write(`--- receipt ${count} (qr: ${receipt.qr.join(', ') || 'none'}, drawer: ${receipt.drawerKicks}) ---\n${text}\n`)
  if (outDir) {
    const base = join(outDir, `receipt-${String(count).padStart(4, '0')}`)
    writeFileSync(`${base}.txt`, text + '\n')
    writeFileSync(`${base}.png`, renderReceiptPng(receipt, columns))
  }
})

await printer.start()
process.stdout.write(`${printer.uri}\n`)
const shutdown = () => void printer.stop().then(() => process.exit(0))
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
