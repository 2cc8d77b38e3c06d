import { describe, expect, it } from 'vitest'
import type { ImportJob, ImportOutcome } from '../../shared/contract/catalog/schemas'
import { useTempDir } from '../support/temp-dir'
import { IBUPROFEN, startStore } from './stock-rig'

const tempDir = useTempDir()

describe('a first receipt takes the pack size from the national catalog (min_pac_cnt of min_useunt)', () => {
  it('布洛芬缓释胶囊 0.3g*20粒: after the platform’s 1301 is downloaded, receiving without a pack size books 20 粒 a box', async () => {
    const store = await startStore(tempDir())
    try {
      // The training seed's national list says nothing of packs: a first receipt must say it.
      const line = {
        storeCode: IBUPROFEN,
        lotNo: 'L1',
        manuDate: store.clock.today(-100),
        expiryDate: store.clock.today(400),
        boxes: 2,
        units: 0,
        costPerBox: '12.50',
        traceCodes: [],
      }
      await expect(store.call('receiveStock', { supplier: '国药控股河南', invoiceNo: 'FP-1', lines: [line] })).rejects.toMatchObject({
        code: 'STOCK_PACK_SIZE',
      })

      const ended: unknown[] = []
      store.core.events.subscribe((event, payload) => {
        if (event === 'catalogImportEnded') ended.push((payload as ImportOutcome).job.id)
      })
      const job = (await store.call('downloadNationalCatalog', { list: '1301' })) as ImportJob
      while (!ended.includes(job.id)) await new Promise((r) => setTimeout(r, 20))

      await store.call('receiveStock', { supplier: '国药控股河南', invoiceNo: 'FP-1', lines: [line] })
      expect(await store.call('setStockItem', { storeCode: IBUPROFEN })).toMatchObject({ packSize: 20, minUnit: '粒' })
      expect(await store.onHand(IBUPROFEN)).toEqual({ L1: 40 })
    } finally {
      await store.close()
    }
  })
})
