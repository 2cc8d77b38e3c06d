import type { StoreCounter } from './stock-rig'

/** The facts a pharmacy records once for its uploads: the duty pharmacist and their 执业资格证号. */
export async function recordFacts(s: StoreCounter) {
  await s.call('setStockUploadFact', { scope: 'store', key: '', field: 'duty_pharmacist', value: '李药师' })
  await s.call('setStockUploadFact', { scope: 'pharmacist', key: '李药师', field: 'phar_prac_cert_no', value: 'ZG41020250001' })
}

/** Waits until every movement is turned into its upload and the queue holds nothing waiting to be sent. */
export async function drained(s: StoreCounter): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const open = s.core.db
      .prepare("SELECT (SELECT COUNT(*) FROM offline_queue WHERE state IN ('queued', 'sending')) + (SELECT COUNT(*) FROM stock_upload_pending) AS n")
      .get() as { n: number }
    if (open.n === 0) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('uploads not forwarded')
}

/** What the training platform accepted, in order. */
export async function platformUploads(s: StoreCounter) {
  const res = await fetch(`${(await s.sandboxUrl()).replace(/\/$/, '')}/sandbox/inventory?fixmedins_code=P41010500218`)
  return ((await res.json()) as { uploads: { infno: string; msgid: string; fixmedins_bchno: string; cnt: number; deleted_at: string | null }[] }).uploads
}
