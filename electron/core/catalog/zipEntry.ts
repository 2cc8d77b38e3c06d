import { createWriteStream } from 'node:fs'
import { open, readFile, rm } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import JSZip from 'jszip'
import { CatalogImportError } from './errors'

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/** Whether a file is a ZIP (its first bytes), whatever its name says. */
export async function isZipFile(file: string): Promise<boolean> {
  const fd = await open(file, 'r').catch(() => null)
  if (!fd) return false
  try {
    const head = Buffer.alloc(4)
    const { bytesRead } = await fd.read(head, 0, 4, 0)
    return bytesRead === 4 && head.equals(ZIP_MAGIC)
  } finally {
    await fd.close()
  }
}

/**
 * Writes the one file inside a national catalog ZIP to `dest`, refusing a ZIP that is cut short, altered
 * (its CRC-32s, checked by jszip) or holds anything but one file. Nothing is imported before this is done.
 */
export async function extractSingleEntry(zipFile: string, dest: string, signal?: AbortSignal): Promise<{ name: string }> {
  let zip: JSZip
  try {
    zip = await JSZip.loadAsync(await readFile(zipFile), { checkCRC32: true })
  } catch {
    throw new CatalogImportError('CATALOG_CORRUPT', 'ZIP 文件已损坏或不完整（下载可能中断），目录未改变；请重新下载')
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir)
  if (entries.length !== 1) {
    throw new CatalogImportError('CATALOG_CORRUPT', `目录 ZIP 应只含一个文本文件，实含 ${entries.length} 个，目录未改变`)
  }
  const entry = entries[0]!
  if (signal?.aborted) throw new CatalogImportError('CATALOG_CANCELLED', '导入已取消，原有目录没有改变')
  try {
    await pipeline(entry.nodeStream('nodebuffer'), createWriteStream(dest), { signal })
  } catch (e) {
    await rm(dest, { force: true })
    if (signal?.aborted) throw new CatalogImportError('CATALOG_CANCELLED', '导入已取消，原有目录没有改变')
    throw new CatalogImportError('CATALOG_FAILED', `目录 ZIP 无法解压到临时文件（${(e as Error).message}），请检查磁盘空间后重试`)
  }
  return { name: entry.name }
}
