import { describe, expect, it } from 'vitest'
import { classifyScan, WedgeBurstDetector, type WedgeKey, type WedgeOutput } from '../../shared/scan'

/** Drives the detector like a host: feeds keys, fires the deadline timer, collects what it says. */
function drive(detector: WedgeBurstDetector, keys: WedgeKey[], endAt: number) {
  const outputs: WedgeOutput[] = []
  const swallowed: string[] = []
  const passed: string[] = []
  for (const k of keys) {
    const deadline = detector.nextDeadline()
    if (deadline !== undefined && deadline < k.at) outputs.push(...detector.tick(deadline + 1))
    const d = detector.feed(k)
    outputs.push(...d.outputs)
    ;(d.swallow ? swallowed : passed).push(k.key)
  }
  outputs.push(...detector.tick(endAt))
  return { outputs, swallowed, passed }
}

function typed(text: string, start: number, gapMs: number, extra: Partial<WedgeKey> = {}): WedgeKey[] {
  return [...text].map((ch, i) => ({ key: ch, at: start + i * gapMs, ...extra }))
}

describe('WedgeBurstDetector', () => {
  it('turns a fast burst ended by Enter into one scan and tells how many keys leaked', () => {
    const keys = [...typed('6901234567892', 1000, 4), { key: 'Enter', at: 1000 + 13 * 4 }]
    const { outputs, swallowed, passed } = drive(new WedgeBurstDetector(), keys, 5000)
    expect(outputs).toEqual([{ type: 'scan', text: '6901234567892', leaked: 3, at: 1052 }])
    expect(passed).toEqual(['6', '9', '0'])
    expect(swallowed.at(-1)).toBe('Enter')
    expect(classifyScan((outputs[0] as { text: string }).text).kind).toBe('barcode')
  })

  it('leaves human typing alone, even fast typing', () => {
    const keys = [...typed('hello world 12345678', 0, 90), { key: 'Enter', at: 90 * 20 }]
    const { outputs, swallowed } = drive(new WedgeBurstDetector(), keys, 10_000)
    expect(outputs).toEqual([])
    expect(swallowed).toEqual([])
    // A two-key roll at scanner speed is still typing.
    const roll = drive(new WedgeBurstDetector(), [...typed('ab', 0, 10), ...typed('cd', 200, 10)], 1000)
    expect(roll.outputs).toEqual([])
  })

  it('ends a scan by silence when the scanner sends no terminator', () => {
    const { outputs } = drive(new WedgeBurstDetector(), typed('81234567890123456789', 0, 3), 1000)
    expect(outputs).toEqual([{ type: 'scan', text: '81234567890123456789', leaked: 3, at: 1000 }])
  })

  it('gives back keys it swallowed when a fast run turns out too short', () => {
    const d = new WedgeBurstDetector({ minLength: 8, confirmAfter: 3 })
    const { outputs, swallowed } = drive(d, [...typed('abcde', 0, 5), { key: 'Enter', at: 25 }], 1000)
    expect(swallowed).toEqual(['c', 'd', 'e', 'Enter'])
    expect(outputs).toEqual([{ type: 'replay', keys: ['c', 'd', 'e', 'Enter'] }])
  })

  it('reads the physical keys while a Chinese IME is composing, with shift for capitals', () => {
    const d = new WedgeBurstDetector({ holdLeadIn: true })
    const codes = ['KeyA', 'KeyB', 'Digit1', 'Digit2', 'Digit3', 'Minus', 'KeyZ', 'Digit9']
    const keys: WedgeKey[] = codes.map((code, i) => ({ key: 'Process', code, composing: true, shift: i < 2, at: i * 5 }))
    keys.push({ key: 'Enter', code: 'Enter', at: 40 })
    const { outputs, passed } = drive(d, keys, 1000)
    expect(outputs).toEqual([{ type: 'scan', text: 'AB123-z9', leaked: 0, at: 40 }])
    expect(passed).toEqual([])
  })

  it('with holdLeadIn, a single typed key is held only until the gap passes, then replayed', () => {
    const d = new WedgeBurstDetector({ holdLeadIn: true })
    expect(d.feed({ key: 'n', at: 0 })).toEqual({ swallow: true, outputs: [] })
    expect(d.nextDeadline()).toBe(35)
    expect(d.tick(30)).toEqual([])
    expect(d.tick(36)).toEqual([{ type: 'replay', keys: ['n'] }])
    expect(d.nextDeadline()).toBeUndefined()
  })

  it('maps Ctrl+] to the GS separator so GS1 DataMatrix survives a keyboard wedge', () => {
    const parts = [...'0106901234567892105A1'].map((key) => ({ key }))
    const seq = [...parts, { key: ']', control: true }, ...[...'21XYZ'].map((key) => ({ key }))]
    const keys: WedgeKey[] = seq.map((k, i) => ({ ...k, at: i * 2 }))
    keys.push({ key: 'Enter', at: keys.length * 2 })
    const { outputs } = drive(new WedgeBurstDetector(), keys, 1000)
    const scan = outputs[0]
    expect(scan.type).toBe('scan')
    expect(classifyScan(scan.type === 'scan' ? scan.text : '')).toMatchObject({ kind: 'gs1', lot: '5A1', serial: 'XYZ' })
  })

  it('ignores Shift presses between characters and ignores auto-repeat', () => {
    const keys: WedgeKey[] = []
    let t = 0
    for (const ch of 'AbCdEfGh') {
      if (ch === ch.toUpperCase()) keys.push({ key: 'Shift', at: (t += 1) })
      keys.push({ key: ch, shift: ch === ch.toUpperCase(), at: (t += 2) })
    }
    keys.push({ key: 'Enter', at: (t += 2) })
    expect(drive(new WedgeBurstDetector(), keys, 1000).outputs).toMatchObject([{ type: 'scan', text: 'AbCdEfGh' }])
    const held = typed('xxxxxxxxxxxx', 0, 30, { repeat: true })
    expect(drive(new WedgeBurstDetector(), held, 2000).outputs).toEqual([])
  })

  it('two scans back to back come out separately', () => {
    const keys = [...typed('4006381333931', 0, 3), { key: 'Enter', at: 39 }, ...typed('96385074', 300, 3), { key: 'Enter', at: 324 }]
    const { outputs } = drive(new WedgeBurstDetector(), keys, 1000)
    expect(outputs.map((o) => o.type === 'scan' && o.text)).toEqual(['4006381333931', '96385074'])
  })
})
