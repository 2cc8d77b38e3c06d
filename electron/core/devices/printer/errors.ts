import { PosError } from '../../../../shared/contract/errors'

/** Every printer failure a cashier can meet, with what to do about it. The receipt is never lost. */
export const PRINTER_ERRORS = {
  PRINTER_DISABLED: '未启用小票打印机：请店长在「设备」中配置打印机，小票已保留，可稍后重打',
  PRINTER_OFFLINE: '打印机未连接：请检查电源和网线，小票已保留，可稍后重打',
  PRINTER_PAPER_OUT: '打印机缺纸：请装入新纸卷，小票已保留，可稍后重打',
  PRINTER_COVER_OPEN: '打印机纸仓盖未合上：请合上后重打，小票已保留',
  PRINTER_TIMEOUT: '打印机长时间无响应：请检查打印机；若打印机不支持状态查询，请在「设备」的打印机设置中关闭该项。小票已保留，可稍后重打',
  PRINTER_WRITE_FAILED: '发送到打印机失败：请检查连接，小票已保留，可稍后重打',
  PRINTER_DRIVER_MISSING: '本机没有可用的系统打印驱动模块：请改用网络或端口方式连接打印机',
  PRINT_INTERRUPTED: '程序在打印过程中退出，这张小票可能没有打完：请确认后重打',
  PRINT_JOB_NOT_FOUND: '找不到这张小票的打印记录',
  PRINT_NOTHING_TO_REPRINT: '这笔交易没有可重打的小票',
} as const
export type PrinterErrorCode = keyof typeof PRINTER_ERRORS

export function printerError(code: PrinterErrorCode, detail?: string): PosError {
  // The detail (socket error text) is for support; it never holds personal data.
  return new PosError(code, detail ? `${PRINTER_ERRORS[code]}（${detail}）` : PRINTER_ERRORS[code])
}

export function asPrinterError(e: unknown): PosError {
  if (e instanceof PosError) return e
  return printerError('PRINTER_WRITE_FAILED', e instanceof Error ? e.message : String(e))
}
