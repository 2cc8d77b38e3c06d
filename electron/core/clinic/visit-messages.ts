import type { ClinicMedType, Diagnosis } from '../../../shared/contract/clinic/schemas'
import { LINE_CLASS_OF } from '../../../shared/catalog/schemas'
import type { TransactionInput } from '../../../shared/nhsa'
import type { VisitInfno, VisitMessageHandlers } from './visit-journal'
import type { SaleLedger } from '../ledger'
import type { FeeLineRow, VisitStore } from './visit-store'

/**
 * What each visit message does to the visit when its answer (or refusal) reaches the disk. The same
 * handlers serve the first send and a resend after a restart, so a recovered answer lands the same way.
 */
export function visitHandlers<I extends VisitInfno>(
  ledger: SaleLedger,
  store: VisitStore,
  m: { saleId: string; infno: I; request: unknown },
  actor: string,
): VisitMessageHandlers<I> {
  const { saleId } = m
  const saleOpen = () => ['draft', 'presettled'].includes(ledger.get(saleId).state)
  // The ledger's lines (and total) follow the visit's live fee lines while nothing is settled.
  const syncLines = () => {
    if (!saleOpen()) return
    ledger.setClinicLines(saleId, actor, store.lines(saleId, { live: true }).map(lineInput))
  }
  const handlers: { [K in VisitInfno]: VisitMessageHandlers<K> } = {
    '2201': {
      answered: (out) => {
        ledger.updateVisit(saleId, actor, { mdtrtId: out.data.mdtrt_id })
        store.update(saleId, { reg_state: 'registered', error: null })
      },
      refused: (msg) => {
        store.update(saleId, { reg_state: 'failed', error: msg })
        ledger.void(saleId, actor, 'registration refused')
      },
    },
    '2203': {
      answered: () => {
        const req = m.request as TransactionInput<'2203'>
        const diagnoses: Diagnosis[] = req.diseinfo.map((d) => ({ code: d.diag_code, name: d.diag_name }))
        const medType = req.mdtrtinfo.med_type as ClinicMedType
        store.setDiagnoses(saleId, diagnoses, medType)
        if (saleOpen()) ledger.updateVisit(saleId, actor, { medType })
      },
      refused: (msg) => store.update(saleId, { error: msg }),
    },
    '2204': {
      intent: () => store.setLineState(saleId, snsOf2204(m.request), 'uploading'),
      answered: (out) => {
        const cuts = new Map(out.result.map((r) => [r.feedetl_sn, r]))
        store.setLineState(saleId, snsOf2204(m.request), 'uploaded', (sn) => cuts.get(sn))
        // The class the receipt prints is the platform's answer, not the price list's guess.
        for (const r of out.result) store.setLineClass(saleId, r.feedetl_sn, LINE_CLASS_OF[r.chrgitm_lv as keyof typeof LINE_CLASS_OF] ?? 'C')
        store.update(saleId, { error: null })
        syncLines()
      },
      refused: (msg) => {
        store.setLineState(saleId, snsOf2204(m.request), 'pending')
        store.update(saleId, { error: msg })
      },
    },
    '2205': {
      intent: () => store.setLineState(saleId, snsOf2205(store, saleId, m.request), 'cancelling'),
      answered: () => {
        store.setLineState(saleId, snsOf2205(store, saleId, m.request, ['cancelling']), 'cancelled')
        syncLines()
      },
      refused: (msg) => {
        store.setLineState(saleId, snsOf2205(store, saleId, m.request, ['cancelling']), 'uploaded')
        store.update(saleId, { error: msg })
      },
    },
    '2202': {
      answered: () => {
        store.update(saleId, { reg_state: 'cancelled', error: null })
        if (saleOpen()) ledger.void(saleId, actor, 'registration cancelled')
      },
      refused: (msg) => store.update(saleId, { error: msg }),
    },
  }
  return handlers[m.infno] as unknown as VisitMessageHandlers<I>
}

function snsOf2204(request: unknown): string[] {
  return (request as TransactionInput<'2204'>).feedetail.map((l) => l.feedetl_sn)
}

function snsOf2205(store: VisitStore, saleId: string, request: unknown, states: FeeLineRow['state'][] = ['uploaded']): string[] {
  const sn = (request as TransactionInput<'2205'>).data.feedetl_sn
  return sn === '0000' ? store.snsIn(saleId, states) : [sn]
}

export function lineInput(l: FeeLineRow) {
  return {
    seq: l.seq,
    storeCode: l.code,
    nationalCode: l.national_code,
    name: l.name,
    qty: l.qty,
    price: l.price,
    insured: true,
    spec: l.spec,
    unit: l.unit,
    class: l.class,
  }
}
