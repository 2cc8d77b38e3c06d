export { cstDateTime, cstTime, cstToday } from '../../i18n/beijing-time'

/** Bar lengths only: the figures shown beside the bars are the contract's exact text. */
export function fenOf(amount: string): number {
  const neg = amount.startsWith('-')
  const [y, f = '00'] = amount.replace('-', '').split('.')
  const fen = Number(y) * 100 + Number(f.padEnd(2, '0').slice(0, 2))
  return neg ? -fen : fen
}

/** Starts a download of a file the core produced (both shells: a Blob and a link). */
export function download(fileName: string, mime: string, base64: string): void {
  const bin = atob(base64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
