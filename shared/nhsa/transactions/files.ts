import { z } from 'zod'

/** 9101 upload / 9102 download of files (catalogs out, reconciliation details in). */

export const fileUploadInputSchema = z.object({
  fsUploadIn: z.object({
    filename: z.string().min(1, 'filename 不能为空').max(200),
    /** The file's bytes, base64 (a byte-array gateway's JSON array is read into base64 before this). */
    in: z
      .string()
      .min(1, 'in 不能为空')
      .regex(/^[A-Za-z0-9+/=\s]+$/, 'in 须为 base64'),
    fixmedins_code: z.string().max(30).optional(),
  }),
})
/** Flat, as Foshan's `ResponseGzsiModel9101.cs` (liutao2019/IBORN_HIS_ALL) models it. */
export const fileUploadOutputSchema = z.object({
  file_qury_no: z.string(),
  filename: z.string(),
  fixmedins_code: z.string(),
  dld_endtime: z.string(),
})

export const fileDownloadInputSchema = z.object({
  fsDownloadIn: z.object({
    file_qury_no: z.string().min(1, 'file_qury_no 不能为空').max(60),
    filename: z.string().max(200).optional(),
    /** The institution asking (Guangzhou `RequestGzsiModel9102.cs` sends it). */
    fixmedins_code: z.string().max(30).optional(),
  }),
})
/**
 * The link style, the sandbox's own extension (a quirk, `linkDownload`): `download_url` is fetched with
 * GET under the same x-tif headers, and `sha256` / `size` / `item_count` prove the client got all of it.
 * Real gateways answer 9102 with the file's ZIP as the HTTP body instead (the sandbox's default).
 */
export const fileDownloadOutputSchema = z.object({
  data: z.object({
    file_qury_no: z.string(),
    filename: z.string(),
    size: z.number(),
    sha256: z.string(),
    item_count: z.number().nullable(),
    download_url: z.string(),
  }),
})
