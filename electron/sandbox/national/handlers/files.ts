import { createHash } from 'node:crypto'
import JSZip from 'jszip'
import type { TransactionInput } from '../../../../shared/nhsa/transactions'
import { PlatformError } from '../../errors'
import { nextSequence, padded } from '../../store/ids'
import { compactDateTime, wireDateTime } from '../../time'
import type { Handler } from '../context'
import { prepared } from '../../../base/store/statements'

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/**
 * A 9101 upload as real gateways take it: a text file zipped (`*.txt.zip`, interface-audit.md §2 3202,
 * Zhejiang). The platform keeps the text inside, which 3202 reads; a plain text upload is kept as it is.
 * Runs before the (synchronous) handler because unzipping is asynchronous.
 */
export async function unzipUpload(input: TransactionInput<'9101'>): Promise<{ ok: true; input: TransactionInput<'9101'> } | { ok: false; message: string }> {
  const bytes = Buffer.from(input.fsUploadIn.in, 'base64')
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) return { ok: true, input }
  try {
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true })
    const entries = Object.values(zip.files).filter((f) => !f.dir)
    if (entries.length !== 1) return { ok: false, message: `上传的 ZIP 应只含一个文件，实含 ${entries.length} 个` }
    const text = await entries[0]!.async('nodebuffer')
    return { ok: true, input: { fsUploadIn: { ...input.fsUploadIn, in: text.toString('base64') } } }
  } catch {
    return { ok: false, message: 'fsUploadIn.in 不是完整的 ZIP 文件' }
  }
}

export const fileUpload: Handler<'9101'> = (ctx, input) => {
  const content = Buffer.from(input.fsUploadIn.in, 'base64')
  if (content.length === 0) throw new PlatformError('fsUploadIn.in 解码后为空')
  if (content.length > MAX_UPLOAD_BYTES) throw new PlatformError('上传文件超过 20 MB')
  const fileNo = 'U' + compactDateTime(ctx.now) + padded(nextSequence(ctx.db, 'file_qury_no'), 8)
  prepared(
    ctx.db,
    `INSERT INTO files (file_qury_no, fixmedins_code, filename, direction, content, sha256, item_count, created_at)
       VALUES (?, ?, ?, 'upload', ?, ?, NULL, ?)`,
  ).run(fileNo, ctx.fixmedins_code, input.fsUploadIn.filename, content, createHash('sha256').update(content).digest('hex'), ctx.now.toISOString())
  return {
    file_qury_no: fileNo,
    filename: input.fsUploadIn.filename,
    fixmedins_code: ctx.fixmedins_code,
    dld_endtime: wireDateTime(new Date(ctx.now.getTime() + 24 * 3600 * 1000)),
  }
}

export const fileDownload: Handler<'9102'> = (ctx, input) => {
  const f = prepared(
    ctx.db,
    'SELECT file_qury_no, filename, length(content) AS size, sha256, item_count FROM files WHERE file_qury_no = ? AND fixmedins_code = ?',
  ).get(input.fsDownloadIn.file_qury_no, ctx.fixmedins_code) as
    { file_qury_no: string; filename: string; size: number; sha256: string; item_count: number | null } | undefined
  if (!f) throw new PlatformError(`文件 ${input.fsDownloadIn.file_qury_no} 不存在`)
  return {
    data: {
      file_qury_no: f.file_qury_no,
      filename: f.filename,
      size: f.size,
      sha256: f.sha256,
      item_count: f.item_count,
      download_url: `${ctx.baseUrl}${FILE_DOWNLOAD_PATH}/${f.file_qury_no}`,
    },
  }
}

export const FILE_DOWNLOAD_PATH = '/fsi/api/fileupload/download'
