import { createHash } from 'node:crypto'
import { PlatformError } from '../../errors'
import { nextSequence, padded } from '../../store/ids'
import { compactDateTime, wireDateTime } from '../../time'
import type { Handler } from '../context'
import { prepared } from '../../../base/store/statements'

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

export const fileUpload: Handler<'9101'> = (ctx, input) => {
  const content = Buffer.from(input.fsUploadIn.in, 'base64')
  if (content.length === 0) throw new PlatformError('fsUploadIn.in 解码后为空')
  if (content.length > MAX_UPLOAD_BYTES) throw new PlatformError('上传文件超过 20 MB')
  const fileNo = 'U' + compactDateTime(ctx.now) + padded(nextSequence(ctx.db, 'file_qury_no'), 8)
  prepared(ctx.db, 
      `INSERT INTO files (file_qury_no, fixmedins_code, filename, direction, content, sha256, item_count, created_at)
       VALUES (?, ?, ?, 'upload', ?, ?, NULL, ?)`,
    )
    .run(fileNo, ctx.fixmedins_code, input.fsUploadIn.filename, content, createHash('sha256').update(content).digest('hex'), ctx.now.toISOString())
  return {
    data: {
      file_qury_no: fileNo,
      filename: input.fsUploadIn.filename,
      dld_endtime: wireDateTime(new Date(ctx.now.getTime() + 24 * 3600 * 1000)),
      size: content.length,
    },
  }
}

export const fileDownload: Handler<'9102'> = (ctx, input) => {
  const f = prepared(ctx.db, 'SELECT file_qury_no, filename, length(content) AS size, sha256, item_count FROM files WHERE file_qury_no = ? AND fixmedins_code = ?')
    .get(input.fsDownloadIn.file_qury_no, ctx.fixmedins_code) as
    | { file_qury_no: string; filename: string; size: number; sha256: string; item_count: number | null }
    | undefined
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
