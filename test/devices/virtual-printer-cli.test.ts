import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createCanvas, loadImage } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { layoutReceipt, previewText, receiptSchema } from '../../shared/receipt'
import { encodeReceipt } from '../../electron/core/devices/printer/encode-receipt'
import { mutualAidReceipt } from './fixtures'

describe('virtual printer CLI', () => {
  it('prints its address first, then writes the decoded text and a PNG of each receipt', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gongji-vp-'))
    const child = spawn(process.execPath, ['--import', 'tsx', 'dev-tools/virtual-printer/main.ts', '--paper', '58', '--out', out], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    try {
      const firstLine = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))
      const match = /^tcp:\/\/127\.0\.0\.1:(\d+)$/.exec(firstLine)
      expect(match).not.toBeNull()
      const doc = layoutReceipt(receiptSchema.parse(mutualAidReceipt()), { paper: '58' })
      await new Promise<void>((resolve, reject) => {
        const s = connect({ host: '127.0.0.1', port: Number(match![1]) }, () => s.end(encodeReceipt(doc)))
        s.on('close', () => resolve())
        s.on('error', reject)
      })
      const png = join(out, 'receipt-0001.png')
      const start = Date.now()
      while (!existsSync(png) && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 50))
      await new Promise((r) => setTimeout(r, 100))
      expect(readFileSync(join(out, 'receipt-0001.txt'), 'utf8')).toBe(previewText(doc) + '\n')

      const image = await loadImage(readFileSync(png))
      expect(image.width).toBe(32 * 12 + 32)
      const canvas = createCanvas(image.width, image.height)
      const ctx = canvas.getContext('2d')
      ctx.drawImage(image, 0, 0)
      const pixels = ctx.getImageData(0, 0, image.width, image.height).data
      let dark = 0
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) dark++
      // Text and a QR symbol put ink on a real share of the paper; a blank render would not.
      expect(dark / (image.width * image.height)).toBeGreaterThan(0.03)
      // The first line is the store name, centred: ink in the middle, none at the left margin.
      const row = ctx.getImageData(0, 16, 60, 24).data
      expect([...row].filter((_, i) => i % 4 === 0 && row[i] < 128)).toHaveLength(0)
    } finally {
      child.kill('SIGTERM')
      rmSync(out, { recursive: true, force: true })
    }
  })
})
