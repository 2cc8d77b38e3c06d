import { crc32, deflateRawSync } from 'node:zlib'

/**
 * A ZIP archive (PKWARE APPNOTE 6.3, no ZIP64: parts below 4 GiB) of text parts, each deflated by Node's
 * native zlib. jszip deflated in JavaScript: 300-800 ms of a 5,000-sale day's xlsx export against
 * 60-80 ms native (docs/benchmarks.md, manager day). Names are UTF-8 (flag bit 11); `at` is every entry's
 * DOS date and time, in UTC as jszip wrote it, so the same input and time give the same bytes anywhere.
 */
export interface ZipEntry {
  path: string
  text: string
}

const LOCAL = 0x04034b50
const CENTRAL = 0x02014b50
const END = 0x06054b50
const UTF8_NAMES = 1 << 11
const DEFLATE = 8
const VERSION = 20

function dosTime(at: Date): { date: number; time: number } {
  // DOS dates start in 1980; an earlier clock would wrap, so it is held there.
  const y = Math.max(1980, at.getUTCFullYear())
  return {
    date: ((y - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
  }
}

export function writeZip(entries: readonly ZipEntry[], at: Date, level = 6): Buffer {
  const { date, time } = dosTime(at)
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.path, 'utf8')
    const raw = Buffer.from(e.text, 'utf8')
    const data = deflateRawSync(raw, { level })
    const crc = crc32(raw)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(LOCAL, 0)
    const dir = Buffer.alloc(46)
    dir.writeUInt32LE(CENTRAL, 0)
    dir.writeUInt16LE(VERSION, 4)
    // From here the local header and the central directory entry carry the same fields (APPNOTE 4.3.7, 4.3.12).
    for (const [buf, at] of [[local, 4], [dir, 6]] as const) {
      buf.writeUInt16LE(VERSION, at)
      buf.writeUInt16LE(UTF8_NAMES, at + 2)
      buf.writeUInt16LE(DEFLATE, at + 4)
      buf.writeUInt16LE(time, at + 6)
      buf.writeUInt16LE(date, at + 8)
      buf.writeUInt32LE(crc, at + 10)
      buf.writeUInt32LE(data.length, at + 14)
      buf.writeUInt32LE(raw.length, at + 18)
      buf.writeUInt16LE(name.length, at + 22)
    }
    // Extra fields, comments, disk number, internal and external attributes: none (zeros).
    dir.writeUInt32LE(offset, 42)
    parts.push(local, name, data)
    central.push(dir, name)
    offset += local.length + name.length + data.length
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(END, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(centralSize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, ...central, end])
}
