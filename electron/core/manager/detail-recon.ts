import { PosError } from '../../../shared/contract'
import type { ReconRun } from '../../../shared/contract/manager/schemas'
import { fromFen, toWireNumber } from '../../../shared/money/money'
import { DetailResultFileError, readDetailResultFile } from '../../../shared/nhsa/recon-result'
import { detailDifferences, platformLookups, readStoreDetailFile, type DetailDifference, type DetailRow } from '../../../shared/recon/detail-differences'
import { type PlatformClient, PlatformError } from '../platform'

/** What the store sends for 3202: its detail file and the period's net totals, integer fen. */
export interface DetailReconRequest {
  day: string
  optins: string
  file: string
  count: number
  medicalFen: number
  fundFen: number
  cashFen: number
  /** Msgids issued for the upload and the 3202 (the store node's, terminal 00); the client's own otherwise. */
  msgids?: { upload: string; detail: string }
}

/**
 * 3202 as real gateways do it: the detail file up with 9101, 3202 with the totals and cash_payamt, its
 * result file down with 9102 and read (shared/nhsa/recon-result.ts), and the platform's figures of each
 * settlement it lists looked up with 5203. Throws, changing nothing, when the result file cannot be read.
 */
export async function detailReconcile(
  client: PlatformClient,
  r: DetailReconRequest,
): Promise<{ detail: NonNullable<ReconRun['detail']>; differences: DetailDifference[] }> {
  const wire = (fen: number) => toWireNumber(fromFen(fen))
  // Zipped as real clients send it (PlatformClient.uploadFile), under the kept msgid where one was issued.
  const up = await client.uploadFile(
    `recon-${r.day}-${r.msgids?.upload ?? Date.now()}.txt`,
    Buffer.from(r.file, 'utf8'),
    r.msgids ? { msgid: r.msgids.upload } : {},
  )
  const { output } = await client.call(
    '3202',
    {
      data: {
        setl_optins: r.optins,
        file_qury_no: up.output.file_qury_no,
        stmt_begndate: r.day,
        stmt_enddate: r.day,
        medfee_sumamt: wire(r.medicalFen),
        fund_pay_sumamt: wire(r.fundFen),
        cash_payamt: wire(r.cashFen),
        fixmedins_setl_cnt: r.count,
      },
    },
    r.msgids ? { msgid: r.msgids.detail } : {},
  )
  const got = await client.downloadFile(output.fileinfo.file_qury_no, output.fileinfo.filename || undefined)
  let result
  try {
    result = readDetailResultFile(await fileText(got.content))
  } catch (e) {
    if (e instanceof DetailResultFileError) throw new PosError('RECON_RESULT_UNREADABLE', { detail: e.message })
    throw e
  }
  const store = readStoreDetailFile(r.file)
  const platform = new Map<string, DetailRow | null>()
  for (const row of platformLookups(store, result)) platform.set(row.setl_id, await platformFigures(client, row, r.optins))
  const { summary, differences } = detailDifferences(store, result, platform)
  return {
    detail: { storeCount: summary.store_cnt, platformCount: summary.platform_cnt, differences: summary.diff_cnt, says: summary.stmt_rslt_dscr },
    differences,
  }
}

/** A downloaded file's text: real gateways hand it over zipped (one text file inside), some as the text itself. */
async function fileText(content: Buffer): Promise<string> {
  if (content.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') return content.toString('utf8')
  const { default: JSZip } = await import('jszip')
  let zip
  try {
    zip = await JSZip.loadAsync(content, { checkCRC32: true })
  } catch (e) {
    throw new DetailResultFileError(0, `压缩包无法打开（${(e as Error).message}）`)
  }
  const files = Object.values(zip.files).filter((f) => !f.dir)
  if (files.length !== 1) throw new DetailResultFileError(0, `压缩包里应有 1 个文件，实有 ${files.length} 个`)
  return files[0]!.async('string')
}

/** 5203 for one settlement the platform lists; a refusal leaves its figures unknown (the difference can then only be explained). */
async function platformFigures(client: PlatformClient, row: { psn_no: string; setl_id: string; mdtrt_id: string }, optins: string): Promise<DetailRow | null> {
  if (!row.psn_no || !row.mdtrt_id) return null
  try {
    // The person's insured region is not in the result file; the store's own is what the envelope can name.
    const { output } = await client.call('5203', { data: { psn_no: row.psn_no, setl_id: row.setl_id, mdtrt_id: row.mdtrt_id } }, { insuplcAdmdvs: optins })
    const s = output.setlinfo
    return {
      setl_id: s.setl_id,
      mdtrt_id: s.mdtrt_id,
      psn_no: s.psn_no,
      medfee_sumamt: s.medfee_sumamt,
      fund_pay_sumamt: s.fund_pay_sumamt,
      acct_pay: s.acct_pay,
      refd_setl_flag: s.refd_setl_flag,
    }
  } catch (e) {
    if (e instanceof PlatformError && e.failure === 'refused') return null
    throw e
  }
}
