/** The business day is a Beijing-time calendar day, whatever zone the PC is set to. */
export function cstToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

export function cstTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 19)
}

export function cstDateTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}

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
