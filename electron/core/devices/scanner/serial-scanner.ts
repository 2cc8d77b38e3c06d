import type { SerialPort } from 'serialport'
import {
  classifyScan,
  memberQrRulesSchema,
  serialScannerSettingsSchema,
  type MemberQrRules,
  type ScanEvent,
  type ScannerState,
  type ScannerStatus,
  type ScanResult,
  type SerialScannerSettings,
} from '../../../../shared/scan'
import type { z } from 'zod'
import type { Clock } from '../../../base/clock'
import { TypedEmitter } from '../typed-emitter'
import { ScanFramer, type Frame } from './scan-framer'

export interface SerialScannerEvents extends Record<string, unknown> {
  scan: ScanEvent
  scannerStatus: ScannerStatus
}

export interface SerialScannerDeps {
  settings: z.input<typeof serialScannerSettingsSchema>
  clock: Clock
  memberQr?: MemberQrRules
}

const MAX_RECONNECT_MS = 5000
const STATE_MESSAGES: Record<ScannerState, string> = {
  stopped: '扫码枪已停用',
  connecting: '正在连接扫码枪……',
  connected: '扫码枪已连接',
  disconnected: '扫码枪未连接：请检查USB线，插回后会自动重新连接',
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Scanner bytes to text: ASCII as is, UTF-8 when valid; anything else cannot be trusted. */
export function decodeScanBytes(bytes: Buffer): string | undefined {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return undefined
  }
}

/** serialport is loaded with the first serial scanner, not at start (~0.1-0.3 s and ~14 MiB of every start). */
let serialport: Promise<typeof import('serialport')> | undefined
export const loadSerialPort = () => (serialport ??= import('serialport'))

/**
 * A USB-COM (CDC ACM) or RS-232 scanner. Unplugging closes the port; the service keeps trying to open
 * the same path with backoff and says so, so a cashier who plugs the scanner back in just scans.
 */
export class SerialScannerService extends TypedEmitter<SerialScannerEvents> {
  private readonly settings: SerialScannerSettings
  private readonly rules: MemberQrRules
  private port: SerialPort | undefined
  private framer: ScanFramer
  private retryTimer: NodeJS.Timeout | undefined
  private retryMs: number
  private running = false
  private current: ScannerStatus

  constructor(private readonly deps: SerialScannerDeps) {
    super()
    this.settings = serialScannerSettingsSchema.parse(deps.settings)
    this.rules = deps.memberQr ?? memberQrRulesSchema.parse({})
    this.retryMs = this.settings.reconnectMs
    this.framer = new ScanFramer(this.settings.terminator, this.settings.interByteTimeoutMs, (f) => this.onFrame(f))
    this.current = this.statusOf('stopped')
  }

  get status(): ScannerStatus {
    return this.current
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.open()
  }

  async stop(): Promise<void> {
    this.running = false
    clearTimeout(this.retryTimer)
    this.framer.reset()
    const port = this.port
    this.port = undefined
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()))
    this.setState('stopped')
  }

  private open(): void {
    if (!this.running) return
    // While unplugged the state stays "disconnected" through the retries instead of flickering.
    if (this.current.state === 'stopped') this.setState('connecting')
    void loadSerialPort().then(
      (m) => this.openWith(m.SerialPort),
      () => this.lost(),
    )
  }

  private openWith(Port: typeof SerialPort): void {
    if (!this.running) return
    const port = new Port({ path: this.settings.path, baudRate: this.settings.baudRate, autoOpen: false })
    port.open((error) => {
      if (!this.running) {
        if (!error) port.close()
        return
      }
      if (error) return this.lost()
      this.port = port
      this.retryMs = this.settings.reconnectMs
      this.setState('connected')
    })
    port.on('data', (chunk: Buffer) => this.framer.push(chunk))
    port.on('error', () => this.lost(port))
    port.on('close', () => this.lost(port))
  }

  /** The port failed to open or went away: report, then try again later. */
  private lost(port?: SerialPort): void {
    if (port && this.port !== port) return
    this.port = undefined
    this.framer.flush()
    if (port?.isOpen) port.close(() => {})
    if (!this.running) return
    this.setState('disconnected')
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => this.open(), this.retryMs)
    this.retryMs = Math.min(this.retryMs * 2, MAX_RECONNECT_MS)
  }

  private onFrame(frame: Frame): void {
    const text = decodeScanBytes(frame.bytes)
    let result: ScanResult
    if (text === undefined) {
      result = { kind: 'unknown', raw: frame.bytes.toString('hex'), reason: '扫码数据无法解码，请重新扫描' }
    } else if (!frame.complete) {
      result = { kind: 'unknown', raw: text, reason: '扫码数据不完整（未收到结束符），请重新扫描' }
    } else {
      result = classifyScan(text, this.rules)
    }
    this.emit('scan', { source: 'serial', device: this.settings.path, at: this.deps.clock.now().toISOString(), result })
  }

  private statusOf(state: ScannerState): ScannerStatus {
    return { device: this.settings.path, state, message: STATE_MESSAGES[state], at: this.deps.clock.now().toISOString() }
  }

  private setState(state: ScannerState): void {
    if (this.current?.state === state) return
    this.current = this.statusOf(state)
    this.emit('scannerStatus', this.current)
  }
}
