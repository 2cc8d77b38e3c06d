import { z } from 'zod'
import { paperWidthSchema, printJobStateSchema, type PrinterSettingsInput } from '../../receipt'
import { scannerStatusSchema, serialTerminatorSchema, type MemberQrRules } from '../../scan'
import type { z as zt } from 'zod'
import type { serialScannerSettingsSchema, wedgeScannerSettingsSchema } from '../../scan'

/*
 * The forms' schemas, with messages a store manager can act on. They are the print and scan services'
 * own settings (shared/receipt, shared/scan) with every field required, so what is stored is exactly
 * what the form showed; the type checks at the bottom keep the two in step.
 */

const int = (what: string) => z.number({ error: `${what}应为数字` }).int(`${what}应为整数`)

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/

export const PrinterConnectionSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('tcp'),
        host: z.string().trim().regex(HOST, '打印机地址应为 IP 地址或主机名，如 192.168.1.50'),
        port: int('端口').min(1, '端口应在 1-65535 之间').max(65535, '端口应在 1-65535 之间'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('device'),
        path: z.string().trim().min(1, '请填写端口或设备文件，如 /dev/usb/lp0 或 COM3').max(200, '设备路径过长'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('driver'),
        printerName: z.string().trim().min(1, '请填写系统打印机名称').max(120, '打印机名称过长'),
      })
      .strict(),
  ],
  { error: '请选择打印机连接方式' },
)
export type PrinterConnectionForm = z.infer<typeof PrinterConnectionSchema>

export const PrinterFormSchema = z
  .object({
    enabled: z.boolean(),
    connection: PrinterConnectionSchema,
    paper: paperWidthSchema,
    openDrawerForCash: z.boolean(),
    statusQuery: z.boolean(),
    timeoutMs: int('超时').min(500, '超时不能少于 500 毫秒').max(120_000, '超时不能超过 120 秒'),
    slowAfterMs: int('“缓慢”提示时间').min(100, '“缓慢”提示不能早于 100 毫秒').max(60_000, '“缓慢”提示不能晚于 60 秒'),
    feedBeforeCut: int('走纸行数').min(0, '走纸行数应在 0-10 之间').max(10, '走纸行数应在 0-10 之间'),
  })
  .strict()
  .refine((s) => s.slowAfterMs < s.timeoutMs, { message: '“缓慢”提示时间应短于超时时间', path: ['slowAfterMs'] })
export type PrinterForm = z.infer<typeof PrinterFormSchema>

/** What the store has configured; `null` on a new install (jobs are kept and fail with PRINTER_DISABLED). */
export const PrinterSettingsViewSchema = z.object({
  settings: PrinterFormSchema.nullable(),
  /**
   * The encoding every receipt is sent in. Fixed: text goes as GB18030 with the printer in Chinese
   * mode (FS &), which every mainland thermal printer understands; shown so the installer can check
   * the printer's own setting matches.
   */
  codePage: z.literal('GB18030'),
  /** Whether this build can print through an OS queue (`driver` connections). */
  driverAvailable: z.boolean(),
})

const SERIAL_PATH = z.string().trim().min(1, '请填写扫码枪串口，如 COM3 或 /dev/ttyACM0').max(200, '串口路径过长')

export const SerialScannerFormSchema = z
  .object({
    enabled: z.boolean(),
    path: SERIAL_PATH,
    baudRate: int('波特率').min(300, '波特率应在 300-921600 之间').max(921_600, '波特率应在 300-921600 之间'),
    terminator: serialTerminatorSchema,
    interByteTimeoutMs: int('字符间隔').min(5, '字符间隔应在 5-2000 毫秒之间').max(2000, '字符间隔应在 5-2000 毫秒之间'),
    reconnectMs: int('重连等待').min(50, '重连等待应在 50-60000 毫秒之间').max(60_000, '重连等待应在 50-60000 毫秒之间'),
  })
  .strict()
export type SerialScannerForm = z.infer<typeof SerialScannerFormSchema>

export const WedgeFormSchema = z
  .object({
    enabled: z.boolean(),
    maxGapMs: int('按键间隔').min(5, '按键间隔应在 5-200 毫秒之间').max(200, '按键间隔应在 5-200 毫秒之间'),
    minLength: int('最短码长').min(4, '最短码长应在 4-64 之间').max(64, '最短码长应在 4-64 之间'),
    confirmAfter: int('确认键数').min(2, '确认键数应在 2-16 之间').max(16, '确认键数应在 2-16 之间'),
  })
  .strict()
export type WedgeForm = z.infer<typeof WedgeFormSchema>

export const ScannerFormSchema = z
  .object({
    serial: z
      .array(SerialScannerFormSchema)
      .max(4, '最多配置 4 把串口扫码枪')
      .refine((list) => new Set(list.map((s) => s.path)).size === list.length, { message: '同一个串口不能配置两次' }),
    wedge: WedgeFormSchema,
    memberQrPrefixes: z.array(z.string().trim().min(1, '前缀不能为空').max(32, '前缀过长')).max(16, '前缀最多 16 个'),
  })
  .strict()
export type ScannerForm = z.infer<typeof ScannerFormSchema>

export const ScannerStatusViewSchema = z.object({
  /** One per configured serial scanner that is enabled. */
  serial: z.array(scannerStatusSchema),
  /**
   * Keyboard-wedge capture: on or off (it has no connection to report) and its timing, which the
   * browser shell's page-side capture needs to tell a scanner from typing.
   */
  wedge: WedgeFormSchema,
})
export type ScannerStatusView = z.infer<typeof ScannerStatusViewSchema>

export const SerialPortInfoSchema = z.object({
  path: z.string(),
  manufacturer: z.string().nullable(),
  serialNumber: z.string().nullable(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
})

export const PrintJobFilterSchema = z
  .object({
    states: z.array(printJobStateSchema).max(4).optional(),
    saleId: z.string().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict()

/** A scan as the page's own key capture saw it (browser shell): printable text, GS allowed for GS1. */
export const SubmitScanSchema = z
  .object({
    text: z
      .string()
      .min(1, '扫码内容为空')
      .max(4096, '扫码内容过长')
      // eslint-disable-next-line no-control-regex
      .regex(/^[\x1d\x20-\x7e\u00a0-\uffff]+$/, '扫码内容含有无法识别的控制字符，请重新扫描'),
    device: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/)
      .default('page'),
  })
  .strict()

// Compile-time: the forms are valid inputs of the services' own schemas.
type Assignable<T, U extends T> = U
export type _PrinterFormFits = Assignable<PrinterSettingsInput, PrinterForm>
export type _SerialFormFits = Assignable<zt.input<typeof serialScannerSettingsSchema>, SerialScannerForm>
export type _WedgeFormFits = Assignable<zt.input<typeof wedgeScannerSettingsSchema>, WedgeForm>
export type _PrefixesFit = Assignable<MemberQrRules['prefixes'], ScannerForm['memberQrPrefixes']>
