import { afterEach, describe, expect, it } from 'vitest'
import { useTempDir } from '../support/temp-dir'
import { IBUPROFEN, MANAGER_APPROVAL, startStore, traceCode, type StoreCounter } from './stock-rig'
import { drained, platformUploads, recordFacts } from './uploads-rig'

/**
 * The platform's stock uploads (3501–3507) from the stock ledger, through the offline queue to the real
 * training sandbox over HTTP: each carries the lot (manu_lotnum), its dates and the store's batch number
 * (fixmedins_bchno), and what cannot be sent is listed for the manager, never invented.
 */

const tempDir = useTempDir()
let store: StoreCounter
afterEach(async () => {
  await store?.close()
})

interface Sent {
  seq: number
  msgid: string
  infno: string
  state: string
  item_code: string | null
  last_error: string | null
  request: string
}

function uploads(s: StoreCounter): (Sent & { body: Record<string, unknown> })[] {
  const rows = s.core.db
    .prepare("SELECT seq, msgid, infno, state, item_code, last_error, request FROM offline_queue WHERE infno != '2102' ORDER BY seq")
    .all() as Sent[]
  return rows.map((r) => ({ ...r, body: Object.values(JSON.parse(r.request) as Record<string, Record<string, unknown>>)[0] }))
}

describe('stock uploads 3501–3507 against the training sandbox', () => {
  it('stock-in → sale by trace code → refund → stocktake: every upload carries the lot, its dates and the batch, in order', async () => {
    store = await startStore(tempDir())
    await recordFacts(store)
    await store.call('setStockUploadFact', { scope: 'item', key: IBUPROFEN, field: 'aprvno', value: '国药准字H10900089' })
    const codes = [traceCode(), traceCode()]
    const a = (await store.receive(IBUPROFEN, 'A2601', 5, { expiryInDays: 500, traceCodes: codes })).lots[0]
    const b = (await store.receive(IBUPROFEN, 'B2512', 3, { expiryInDays: 200 })).lots[0]
    await drained(store)

    const member = await store.member('wangFather')
    const sale = await store.call('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [codes[1]] }], acctUsed: false })
    await store.call('presettleSale', { saleId: sale.id })
    await store.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })
    const settled = store.core.db.prepare('SELECT setl_id, psn_no FROM sales WHERE id = ?').get(sale.id) as { setl_id: string; psn_no: string }
    await store.call('refundSale', { saleId: sale.id, approval: MANAGER_APPROVAL, reason: '顾客退货' })
    await store.call('postStocktake', { counts: [{ lotId: b.lotId, countedUnits: 48, reason: '破损一盒，已报损' }], scanned: [] })
    await drained(store)

    const sent = uploads(store)
    expect(sent.map((u) => [u.infno, u.state, u.body.fixmedins_bchno])).toEqual([
      ['3503', 'done', a.bchno],
      ['3503', 'done', b.bchno],
      ['3505', 'done', a.bchno],
      ['3506', 'done', a.bchno],
      ['3502', 'done', b.bchno],
      ['3501', 'done', b.bchno],
    ])
    expect(new Set(sent.map((u) => u.item_code))).toEqual(new Set([IBUPROFEN]))
    const [purchaseA, , sold, returned, change, counted] = sent.map((u) => u.body)
    expect(purchaseA).toMatchObject({
      med_list_codg: expect.any(String),
      fixmedins_hilist_id: IBUPROFEN,
      manu_lotnum: 'A2601',
      manu_date: store.clock.today(-200),
      expy_end: store.clock.today(500),
      spler_name: '国药控股河南',
      aprvno: '国药准字H10900089',
      purc_retn_cnt: 5,
      finl_trns_pric: 12.5,
      purc_invo_no: 'FP-1',
      prod_geay_flag: '0',
      drugtracinfo: codes.map((c) => ({ drug_trac_codg: c })),
    })
    // The box sold was scanned: its lot is the one its code came in with, not the first-expiring one.
    expect(sold).toMatchObject({
      fixmedins_bchno: a.bchno,
      manu_lotnum: 'A2601',
      manu_date: store.clock.today(-200),
      expy_end: store.clock.today(500),
      setl_id: settled.setl_id,
      psn_no: settled.psn_no,
      psn_cert_type: '01',
      mdtrt_setl_type: '1',
      hi_feesetl_type: '1',
      trdn_flag: '0',
      sel_retn_cnt: 1,
      prsc_dr_name: '无',
      phar_name: '李药师',
      phar_prac_cert_no: 'ZG41020250001',
      rtal_docno: sale.id,
      drugtracinfo: [{ drug_trac_codg: codes[1] }],
    })
    expect(returned).toMatchObject({
      fixmedins_bchno: a.bchno,
      manu_lotnum: 'A2601',
      setl_id: settled.setl_id,
      sel_retn_cnt: 1,
      drugtracinfo: [{ drug_trac_codg: codes[1] }],
    })
    expect(change).toMatchObject({ fixmedins_bchno: b.bchno, inv_chg_type: '104', cnt: 1, trdn_flag: '0', pric: 12.5, memo: '破损一盒，已报损' })
    expect(counted).toMatchObject({ fixmedins_bchno: b.bchno, manu_lotnum: 'B2512', inv_cnt: 2, expy_end: store.clock.today(200) })

    // The platform took each once, under the msgid it was queued with.
    const platform = await platformUploads(store)
    expect(platform.map((u) => [u.infno, u.msgid])).toEqual(sent.map((u) => [u.infno, u.msgid]))
    expect(await store.call('stockUploadIssues', {})).toEqual([])
  })

  it('a line without a lot is held with the reason, never sent with an invented batch; choosing its lot sends it once', async () => {
    store = await startStore(tempDir())
    await recordFacts(store)
    // Sold before it was ever received: the counter sells it, but there is no lot to name.
    const paid = await store.cashSale(IBUPROFEN, '1')
    await drained(store)
    expect(uploads(store)).toEqual([])
    const [held] = await store.call('stockUploadIssues', {})
    expect(held).toMatchObject({ kind: 'held', infno: '3505', storeCode: IBUPROFEN, saleId: paid.id })
    expect(held.reason).toMatch(/没有入库批次/)
    expect(held.fields.fixmedins_bchno).toBe('')
    expect(await store.refused('resendStockUpload', { kind: 'held', id: held.id, fields: {} })).toBe('UPLOAD_STILL_INCOMPLETE')

    await store.call('setStockUploadFact', { scope: 'item', key: IBUPROFEN, field: 'aprvno', value: '国药准字H10900089' })
    const lot = (await store.receive(IBUPROFEN, 'L9', 2)).lots[0]
    // The buyer showed no insurance: the region's 人员证件类型 for them is typed in too, else it is refused again.
    expect(await store.refused('resendStockUpload', { kind: 'held', id: held.id, lotId: lot.lotId, fields: {} })).toBe('UPLOAD_STILL_INCOMPLETE')
    await store.call('resendStockUpload', { kind: 'held', id: held.id, lotId: lot.lotId, fields: { psn_cert_type: '99' } })
    expect(await store.refused('resendStockUpload', { kind: 'held', id: held.id, lotId: lot.lotId, fields: {} })).toBe('UPLOAD_NOT_FOUND')
    await drained(store)
    const sale = uploads(store).filter((u) => u.infno === '3505')
    expect(sale.map((u) => [u.state, u.body.fixmedins_bchno, u.body.manu_lotnum, u.body.manu_date, u.body.mdtrt_setl_type, u.body.psn_cert_type])).toEqual([
      ['done', lot.bchno, 'L9', store.clock.today(-200), '2', '99'],
    ])
    expect(await store.call('stockUploadIssues', {})).toEqual([])

    // Its refund goes back to the batch the manager chose, once.
    await store.call('refundSale', { saleId: paid.id, approval: MANAGER_APPROVAL, reason: '顾客退货' })
    await drained(store)
    expect(
      uploads(store)
        .filter((u) => u.infno === '3506')
        .map((u) => [u.state, u.body.fixmedins_bchno, u.body.manu_lotnum, u.body.medins_prod_sel_no]),
    ).toEqual([['done', lot.bchno, 'L9', paid.id]])
  })

  it("a refused upload is listed with the platform's reason, corrected, and sent again exactly once; a mistaken one is withdrawn by 3507", async () => {
    store = await startStore(tempDir())
    await recordFacts(store)
    await store.call('setStockUploadFact', { scope: 'item', key: IBUPROFEN, field: 'aprvno', value: '国药准字H10900089' })
    await store.receive(IBUPROFEN, 'R1', 2)
    await drained(store)
    const [purchase] = uploads(store)
    // The platform refuses a return to the supplier of a batch it never saw purchased: withdraw the purchase first.
    await store.call('withdrawStockUpload', { msgid: purchase.msgid, note: '入库数量录错，撤回重报' })
    await drained(store)
    expect(uploads(store).map((u) => [u.infno, u.state])).toEqual([
      ['3503', 'done'],
      ['3507', 'done'],
    ])
    expect((await platformUploads(store)).map((u) => [u.infno, u.deleted_at !== null])).toEqual([['3503', true]])

    await store.call('returnToSupplier', {
      supplier: '国药控股河南',
      reason: '包装破损',
      lines: [{ lotId: await store.lotId(IBUPROFEN, 'R1'), boxes: 1, units: 0 }],
    })
    await drained(store)
    const refused = uploads(store).find((u) => u.infno === '3504')!
    expect(refused.state).toBe('declined')
    const [issue] = await store.call('stockUploadIssues', {})
    expect(issue).toMatchObject({ kind: 'refused', id: refused.msgid, infno: '3504', storeCode: IBUPROFEN })
    expect(issue.reason).toMatch(/没有采购记录/)

    // The manager sends the purchase again (corrected count), then the return: each once.
    const again = await store.call('resendStockUpload', { kind: 'refused', id: refused.msgid, fields: { memo: '退回破损一盒' } })
    expect(await store.refused('resendStockUpload', { kind: 'refused', id: refused.msgid, fields: {} })).toBe('UPLOAD_NOT_FOUND')
    await drained(store)
    const retried = uploads(store).find((u) => u.msgid === again.msgid)!
    // Still refused (nothing purchased on the platform's side): listed again, with the new msgid, not lost.
    expect(retried.state).toBe('declined')
    expect((await store.call('stockUploadIssues', {})).map((i) => i.id)).toEqual([again.msgid])
    await store.call('dismissStockUpload', { kind: 'refused', id: again.msgid, note: '已与医保部门线下核对' })
    expect(await store.call('stockUploadIssues', {})).toEqual([])
    const audit = (store.core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'stock.upload%' ORDER BY seq").all() as { action: string }[]).map(
      (r) => r.action,
    )
    expect(audit).toEqual([
      'stock.uploadFactSet',
      'stock.uploadFactSet',
      'stock.uploadFactSet',
      'stock.uploadWithdrawn',
      'stock.uploadResent',
      'stock.uploadDismissed',
    ])
  })

  it('a missing fact holds the upload with what to record; recording it sends what waited', async () => {
    store = await startStore(tempDir())
    await store.receive(IBUPROFEN, 'F1', 1)
    await drained(store)
    expect(uploads(store)).toEqual([])
    const [held] = await store.call('stockUploadIssues', {})
    expect(held).toMatchObject({ kind: 'held', infno: '3503' })
    expect(held.reason).toMatch(/批准文号（aprvno）未登记/)
    await store.call('setStockUploadFact', { scope: 'item', key: IBUPROFEN, field: 'aprvno', value: '国药准字H10900089' })
    await drained(store)
    expect(uploads(store).map((u) => [u.infno, u.state, u.body.aprvno])).toEqual([['3503', 'done', '国药准字H10900089']])
    expect(await store.call('stockUploadIssues', {})).toEqual([])
  })
})
