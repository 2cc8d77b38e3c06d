import { useCallback } from 'react'
import type { CatalogItem } from '../../../../shared/catalog/schemas'
import type { ScanResult } from '../../../../shared/scan'
import { pos } from '../../api/pos'
import { useScanner } from '../../components/use-scanner'
import { attachTraceCode } from './cart'
import { useCounterMessages } from './messages'
import { useOfflineMessages } from './offline-messages'
import type { Cart } from './use-cart'
import type { Checkout } from './use-checkout'
import type { CredentialInput } from '../../components/credential/CredentialDialog'
import type { ShownError } from '../../components/ErrorNotice'

/**
 * What a scan or a typed entry does at the counter: a customer's insurance code or ID card number identifies
 * them, a box's traceability code goes to its line, a barcode or a search adds the item.
 */
export function useCounterScan(cart: Cart, checkout: Checkout, line: string, closeDialog: () => void) {
  const m = useCounterMessages()
  const om = useOfflineMessages()
  const { phase, newSale, run, setError } = checkout

  const add = useCallback(
    (item: CatalogItem) => {
      const finished = phase.kind === 'done' || phase.kind === 'offlineDone'
      if (finished) newSale()
      if (phase.kind === 'review' || phase.kind === 'offline') return
      setError(undefined)
      cart.add(item, finished)
    },
    [phase.kind, newSale, setError, cart],
  )

  const identify = useCallback(
    async (input: CredentialInput) => {
      const offline = line !== 'online'
      if (offline && !('idCardNo' in input)) {
        closeDialog()
        return setError({ code: 'QR_OFFLINE', message: om('qrOffline') })
      }
      // Offline, identity falls back to the ID card number and what this store saw online before.
      // The customer is on the cart before the screen is free: a key held through the call sees them.
      await run('identify', async () => {
        const found = offline && 'idCardNo' in input ? await pos.identifyOffline(input) : { member: await pos.identifyMember(input), snapshotSeenAt: undefined }
        if (phase.kind === 'done' || phase.kind === 'offlineDone') newSale()
        cart.identified(found.member, found.snapshotSeenAt)
      })
      closeDialog()
    },
    [run, phase.kind, newSale, line, om, closeDialog, setError, cart],
  )

  /** Anything scanned or typed-and-entered, once told what it is (shared/scan's classifier). */
  const onScanned = useCallback(
    async (scan: ScanResult, hits: CatalogItem[]) => {
      const text = scan.raw.trim()
      // An error is about the last thing the cashier did; a new scan is a new thing (B8).
      setError(undefined)
      if (phase.kind === 'review' || phase.kind === 'offline') return setError({ code: 'SALE_IN_REVIEW', message: m('saleInReview') })
      if (scan.kind === 'member-qr') return identify({ qrCode: scan.token })
      if (/^\d{17}[\dXx]$/.test(text)) return identify({ idCardNo: text })
      if (scan.kind === 'traceability') {
        const r = attachTraceCode(cart.lines, cart.selected, scan.code, Boolean(cart.member))
        if ('error' in r)
          return setError(
            r.error === 'duplicate'
              ? { code: 'TRACE_CODE_DUPLICATE', message: m('traceDuplicate', { code: scan.code }) }
              : { code: 'TRACE_CODE_NO_LINE', message: m('traceNoLine') },
          )
        cart.setLines(r.lines)
        cart.setSelected(r.index)
        return
      }
      if (scan.kind === 'barcode' || (scan.kind === 'gs1' && scan.gtin14)) {
        const digits = scan.kind === 'barcode' ? scan.digits : scan.gtin14!.replace(/^0/, '')
        // The line is added before the screen is free, so a key held through the lookup finds it.
        await run('lookup', async () => add((await pos.lookupBarcode({ barcode: digits })).items[0]))
        return
      }
      if (hits.length) return add(hits[0])
      await run('lookup', async () => {
        const byCode = await pos.lookupStoreCode({ storeCode: text }).catch(() => undefined)
        const found = byCode ?? (await pos.searchCatalog({ query: text, limit: 1 })).hits[0]
        if (!found)
          throw {
            code: 'SCAN_NOT_RECOGNISED',
            message: scan.kind === 'unknown' && text.length > 20 ? scan.reason : m('scanNotFound', { text }),
          } satisfies ShownError
        add(found)
      })
    },
    [identify, run, add, phase.kind, m, setError, cart],
  )
  // Serial scanners and Electron's wedge hook arrive as events, already classified. In the browser
  // shell a keyboard-wedge scanner types into the scan box, which always has the focus here, so the
  // page-side burst capture is not needed (and would only add its timing guesswork).
  useScanner((e) => void onScanned(e.result, []), { capturePage: false })

  return { add, identify, onScanned }
}
