import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import type { CatalogItem } from '../../../../shared/catalog/schemas'
import type { MemberView, SaleView } from '../../../../shared/contract/sale/schemas'
import { yuan } from '../../../../shared/money/money'
import { classifyScan, type ScanResult } from '../../../../shared/scan'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError, OkNotice } from '../../components/ErrorNotice'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ActiveContext, FunctionKeyBar, type FunctionKey } from '../../components/FunctionKeys'
import { useScanner } from '../../components/use-scanner'
import type { WorkspaceProps } from '../../shell/workspace'
import type { Discount } from '../../../../shared/contract/sale/discount'
import { addItem, attachTraceCode, discountText, isInsured, tracesNeeded, type CartLine } from './cart'
import { CartTable, SaleLines } from './CartTable'
import { DiscountApprovalDialog, PrescriptionDialog, QtyDialog, type Prescription } from './dialogs'
import { CredentialDialog, type CredentialInput } from '../../components/credential/CredentialDialog'
import { HeldSalesDialog } from './HeldSalesDialog'
import { MobilePayDialog } from './MobilePayDialog'
import { CounterAside } from './CounterAside'
import { useCounterMessages } from './messages'
import { useOfflineMessages } from './offline-messages'
import type { Phase } from './phase'
import { RecoveryBanner } from './RecoveryBanner'
import { ShiftBanner } from './ShiftBanner'
import { ShiftDialog } from './ShiftDialog'
import { useShiftMessages } from './shift-messages'
import { SalesHistory } from './SalesHistory'
import { ScanBox } from './ScanBox'
import { useCounterLinks } from './use-counter-links'
import { useHoldRecall } from './use-hold-recall'
import { useOnHand } from '../stock/on-hand'
import { useUnsavedWork } from '../../shell/unsaved-work'

type Busy = 'identify' | 'presettle' | 'settle' | 'lookup' | 'hold' | undefined
type DialogKind = 'member' | 'qty' | 'rx' | 'history' | 'clear' | 'held' | 'mobile' | 'shift' | undefined

/** The pharmacy checkout: scanner and function keys run a whole sale without the mouse. */
export function CounterScreen({ settings }: WorkspaceProps) {
  const m = useCounterMessages()
  const om = useOfflineMessages()
  const sm = useShiftMessages()
  const { line, journal } = useCounterLinks()
  const [snapshotSeenAt, setSnapshotSeenAt] = useState<string>()
  const [lines, setLines] = useState<CartLine[]>([])
  // The cart's items' stock: their box sizes offer 拆零 in the quantity dialog (F3).
  const onHand = useOnHand(lines.map((l) => l.item.storeCode))
  const packOf = (storeCode: string) => {
    const s = onHand.get(storeCode.toUpperCase())
    return s && s.packSize > 1 ? { packSize: s.packSize, minUnit: s.minUnit || '个' } : undefined
  }
  const [selected, setSelected] = useState(0)
  const [member, setMember] = useState<MemberView>()
  const [acctUsed, setAcctUsed] = useState(true)
  const [mulaidId, setMulaidId] = useState<string>()
  const [prescription, setPrescription] = useState<Prescription>()
  /** Set while the cart's discounts wait for a manager's PIN (DISCOUNT_NEEDS_APPROVAL). */
  const [saleDiscount, setSaleDiscount] = useState<Discount>()
  const [discountApproval, setDiscountApproval] = useState<{ message: string; prescription: Prescription | undefined }>()
  const [phase, setPhase] = useState<Phase>({ kind: 'cart' })
  const [tendered, setTendered] = useState('')
  const [busy, setBusy] = useState<Busy>()
  const [dialog, setDialog] = useState<DialogKind>()
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()
  const scanRef = useRef<HTMLInputElement>(null)
  const tenderRef = useRef<HTMLInputElement>(null)
  const active = useContext(ActiveContext)
  const held = useHoldRecall()

  // A saved offline sale's outcome arrives when the queue forwards it: the screen follows.
  useEffect(
    () => pos.on('offlineSaleChanged', ({ sale: view }) => setPhase((p) => (p.kind === 'offlineDone' && p.view.saleId === view.saleId ? { ...p, view } : p))),
    [],
  )

  const fail = (e: unknown) => setError(toShownError(e))
  const run = useCallback(async <T,>(kind: Busy, work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(kind)
    setError(undefined)
    try {
      return await work()
    } catch (e) {
      setError(toShownError(e))
      return undefined
    } finally {
      setBusy(undefined)
    }
  }, [])

  const newSale = useCallback(() => {
    setLines([])
    setSelected(0)
    setMember(undefined)
    setMulaidId(undefined)
    setAcctUsed(true)
    setPrescription(undefined)
    setSaleDiscount(undefined)
    setTendered('')
    setPhase({ kind: 'cart' })
    setNotice(undefined)
    setError(undefined)
    setSnapshotSeenAt(undefined)
  }, [])

  const add = useCallback(
    (item: CatalogItem) => {
      const finished = phase.kind === 'done' || phase.kind === 'offlineDone'
      if (finished) newSale()
      if (phase.kind === 'review' || phase.kind === 'offline') return
      setError(undefined)
      setLines((prev) => {
        const next = addItem(finished ? [] : prev, item)
        setSelected(next.index)
        return next.lines
      })
    },
    [phase.kind, newSale],
  )

  const identify = useCallback(
    async (input: CredentialInput) => {
      const offline = line !== 'online'
      if (offline && !('idCardNo' in input)) {
        setDialog(undefined)
        return setError({ code: 'QR_OFFLINE', message: om('qrOffline') })
      }
      // Offline, identity falls back to the ID card number and what this store saw online before.
      const found = await run('identify', async () =>
        offline && 'idCardNo' in input ? pos.identifyOffline(input) : { member: await pos.identifyMember(input), snapshotSeenAt: undefined },
      )
      setDialog(undefined)
      if (!found) return
      const view = found.member
      if (phase.kind === 'done' || phase.kind === 'offlineDone') newSale()
      setSnapshotSeenAt(found.snapshotSeenAt)
      setMember(view)
      // acct_used_flag also lets the platform draw relatives' quotas, so it is on without an own account too (F6 declines).
      setAcctUsed(true)
      // A relative's quota is offered first when there is one; the cashier changes it with F7.
      setMulaidId(view.quotas.find((q) => yuan(q.remaining).gt(0))?.mulaidId)
    },
    [run, phase.kind, newSale, line, om],
  )

  /** Anything scanned or typed-and-entered, once told what it is (shared/scan's classifier). */
  const onScanned = useCallback(
    async (scan: ScanResult, hits: CatalogItem[]) => {
      const text = scan.raw.trim()
      // An error is about the last thing the cashier did; a new scan is a new thing (B8).
      setError(undefined)
      if (phase.kind === 'review' || phase.kind === 'offline')
        return setError({ code: 'SALE_IN_REVIEW', message: '正在收款：请先收款，或按 Esc 返回购物车再扫码' })
      if (scan.kind === 'member-qr') return identify({ qrCode: scan.token })
      if (/^\d{17}[\dXx]$/.test(text)) return identify({ idCardNo: text })
      if (scan.kind === 'traceability') {
        const r = attachTraceCode(lines, selected, scan.code, Boolean(member))
        if ('error' in r)
          return setError({
            code: r.error === 'duplicate' ? 'TRACE_CODE_DUPLICATE' : 'TRACE_CODE_NO_LINE',
            message: r.error === 'duplicate' ? `追溯码 ${scan.code} 已经扫过，每盒药只扫一次` : '购物车里没有需要扫描追溯码的药品，请先扫药品条码',
          })
        setLines(r.lines)
        setSelected(r.index)
        return
      }
      if (scan.kind === 'barcode' || (scan.kind === 'gs1' && scan.gtin14)) {
        const digits = scan.kind === 'barcode' ? scan.digits : scan.gtin14!.replace(/^0/, '')
        const found = await run('lookup', () => pos.lookupBarcode({ barcode: digits }))
        if (found) add(found.items[0])
        return
      }
      if (hits.length) return add(hits[0])
      const found = await run('lookup', async () => {
        const byCode = await pos.lookupStoreCode({ storeCode: text }).catch(() => undefined)
        return byCode ?? (await pos.searchCatalog({ query: text, limit: 1 })).hits[0]
      })
      if (found) add(found)
      else
        setError({
          code: 'SCAN_NOT_RECOGNISED',
          message: scan.kind === 'unknown' && text.length > 20 ? scan.reason : `没有找到「${text}」：请核对条码或编码，或输入名称、拼音首字母查找`,
        })
    },
    [identify, lines, selected, member, run, add, phase.kind],
  )
  // Serial scanners and Electron's wedge hook arrive as events, already classified. In the browser
  // shell a keyboard-wedge scanner types into the scan box, which always has the focus here, so the
  // page-side burst capture is not needed (and would only add its timing guesswork).
  useScanner((e) => void onScanned(e.result, []), { capturePage: false })

  const removeLine = () => {
    if (phase.kind !== 'cart' || !lines.length) return
    setLines(lines.filter((_, i) => i !== selected))
    setSelected(Math.max(0, Math.min(selected, lines.length - 2)))
  }

  const cycleQuota = () => {
    if (!member || phase.kind !== 'cart') return
    const ids = [undefined, ...member.quotas.map((q) => q.mulaidId)]
    setMulaidId(ids[(ids.indexOf(mulaidId) + 1) % ids.length])
  }

  const presettle = async () => {
    if (phase.kind !== 'cart' || !lines.length) return
    const missing = lines.find((l) => tracesNeeded(l, Boolean(member)) > l.traceCodes.length)
    if (missing) {
      setSelected(lines.indexOf(missing))
      return setError({
        code: 'TRACE_CODES_MISSING',
        message: `「${missing.item.name}」医保销售需逐盒扫描药品追溯码：共 ${missing.qty} 盒，已扫 ${missing.traceCodes.length} 盒`,
      })
    }
    if (lines.some((l) => l.item.rxFlag) && !prescription) return setDialog('rx')
    await presettleWith(prescription)
  }

  const presettleWith = async (prescription: Prescription | undefined, discountApproval?: { userId: string; pin: string }) => {
    const offline = line !== 'online' && Boolean(member)
    let needsApproval: string | undefined
    const sale = await run('presettle', async () => {
      const opened = await pos
        .openSale({
          memberRef: member?.ref,
          lines: lines.map((l) => ({
            storeCode: l.item.storeCode,
            qty: l.qty,
            traceCodes: l.traceCodes,
            by: l.split ? ('unit' as const) : ('pack' as const),
            lotId: l.lotId,
            discount: l.discount,
          })),
          acctUsed,
          mulaidId,
          prescription,
          saleDiscount,
          discountApproval,
        })
        .catch((e: unknown) => {
          // Above the store's threshold: the manager approves in a dialog and the same cart is opened again.
          if ((e as { code?: string }).code === 'DISCOUNT_NEEDS_APPROVAL' && !discountApproval) needsApproval = toShownError(e).message
          throw e
        })
      if (offline && opened.lines.some((l) => l.insured)) {
        const quote = await pos.quoteOffline({ saleId: opened.id }).catch(async (e: unknown) => {
          await pos.voidSale({ saleId: opened.id, reason: '离线无法估算' }).catch(() => undefined)
          throw e
        })
        return { opened, quote }
      }
      if (!opened.lines.some((l) => l.insured)) return { opened, quote: undefined }
      // A refused pre-settlement leaves nothing behind: the draft goes, the cart stays for another try.
      const presettled = await pos.presettleSale({ saleId: opened.id }).catch(async (e: unknown) => {
        await pos.voidSale({ saleId: opened.id, reason: '预结算未通过' }).catch(() => undefined)
        throw e
      })
      return { opened: presettled, quote: undefined }
    })
    if (!sale) {
      if (needsApproval) {
        setError(undefined)
        setDiscountApproval({ message: needsApproval, prescription })
      }
      return
    }
    setDiscountApproval(undefined)
    setTendered('')
    if (sale.quote) {
      const mode = sale.quote.storeMode === 'advance' && !sale.quote.advance.refusal ? 'advance' : 'deposit'
      setPhase({ kind: 'offline', sale: sale.opened, quote: sale.quote, mode })
    } else setPhase({ kind: 'review', sale: sale.opened })
  }

  const cashDue =
    phase.kind === 'review'
      ? (phase.sale.split?.cashDue ?? phase.sale.total)
      : phase.kind === 'offline'
        ? phase.mode === 'deposit'
          ? phase.quote.deposit.payNow
          : phase.quote.advance.payNow
        : '0.00'
  const paying = phase.kind === 'review' || phase.kind === 'offline'

  const toggleMode = () => {
    if (phase.kind !== 'offline') return
    if (phase.mode === 'deposit' && phase.quote.advance.refusal)
      return setError({ code: phase.quote.advance.refusal.code, message: phase.quote.advance.refusal.message })
    setError(undefined)
    setPhase({ ...phase, mode: phase.mode === 'deposit' ? 'advance' : 'deposit' })
  }

  const settle = async (method: 'cash' | 'mobile') => {
    if (phase.kind === 'offline') {
      const payment = method === 'mobile' ? ({ method } as const) : ({ method, tendered: tendered.trim() || cashDue } as const)
      const view = await run('settle', () => pos.settleOffline({ saleId: phase.sale.id, mode: phase.mode, payment }))
      if (view) setPhase({ kind: 'offlineDone', sale: await pos.getSale({ saleId: phase.sale.id }), view })
      return
    }
    if (phase.kind !== 'review') return
    // A partial return's replacement is paid from the cash of the sale it replaces: nothing is tendered,
    // so no change is recorded; the net was handed over or collected as one amount (B3).
    const cash = phase.refundedCash !== undefined ? cashDue : tendered.trim() || cashDue
    const payment = method === 'mobile' ? ({ method } as const) : ({ method, tendered: cash } as const)
    const sale = await run('settle', () => pos.settleSale({ saleId: phase.sale.id, payment }))
    if (sale) {
      setPhase({ kind: 'done', sale })
    } else {
      // Refused or reversed: the sale is open again; show its state from the core.
      pos.getSale({ saleId: phase.sale.id }).then(
        (s) => s.state === 'draft' && backToCart(s),
        () => undefined,
      )
    }
  }

  // The customer may still be here when the outcome arrives: they can leave with the corrected receipt.
  const printOffline = (saleId: string) =>
    pos.printOfflineReceipt({ saleId }).then((job) => setNotice(om(job.kind === 'corrected' ? 'correctedPrinted' : 'receiptReprinted', { id: job.id })), fail)

  const backToCart = (sale?: SaleView) => {
    if (sale && (sale.state === 'presettled' || sale.state === 'draft')) void pos.voidSale({ saleId: sale.id, reason: '收银员返回修改' }).catch(fail)
    setPhase({ kind: 'cart' })
  }

  const finished = phase.kind === 'done' || phase.kind === 'offlineDone'
  const hasSale = !finished && (lines.length > 0 || Boolean(member) || Boolean(prescription))
  useUnsavedWork(hasSale || phase.kind === 'review' || phase.kind === 'offline')

  const hold = async () => {
    if (phase.kind !== 'cart' || !lines.length) return
    const parked = await run('hold', () => held.hold({ lines, member, acctUsed, mulaidId, prescription }))
    if (!parked) return
    newSale()
    setNotice(m('heldNotice', { number: parked.number }))
  }

  const recall = async (number: number) => {
    const back = await run('lookup', () => held.recall(number))
    setDialog(undefined)
    if (!back) return
    newSale()
    const { sale: r, member: kept } = back
    setLines(back.lines)
    setPrescription(r.prescription ?? undefined)
    setAcctUsed(r.acctUsed)
    if (kept) {
      setMember(kept)
      setMulaidId(r.mulaidId ?? undefined)
    }
    setNotice(r.customer && !kept ? m('recalledReidentify', { number, name: r.customer.nameMasked }) : m('recalledNotice', { number }))
    if (r.missing.length) setError({ code: 'HELD_ITEMS_MISSING', message: m('recalledMissing', { codes: r.missing.join('、') }) })
  }

  // Esc with a sale on screen asks first: it is also "close / clear search / back", and a habitual double
  // Esc must never wipe a customer's sale (B4). An empty or finished screen is simply cleared.
  const clearSale = () => (hasSale ? setDialog('clear') : newSale())

  const keys: FunctionKey[] = useMemo(() => {
    const inCart = !paying && !busy
    return [
      { key: 'F1', label: m('key_history'), action: () => setDialog('history'), disabled: paying },
      { key: 'F2', label: m('key_member'), action: () => setDialog('member'), disabled: !inCart },
      // F3 is the current step: a line's quantity, or with nothing on the counter the shift (交班, docs/keys.md).
      phase.kind === 'cart' && lines.length
        ? { key: 'F3', label: m('key_qty'), action: () => setDialog('qty') }
        : { key: 'F3', label: sm('key_shift'), action: () => setDialog('shift'), disabled: paying || Boolean(busy) },
      { key: 'F4', label: m('key_remove'), action: removeLine, disabled: phase.kind !== 'cart' || !lines.length },
      phase.kind === 'cart' && lines.length
        ? { key: 'F5', label: m('key_hold'), action: () => void hold(), disabled: Boolean(busy) }
        : { key: 'F5', label: m('key_recall'), action: () => setDialog('held'), disabled: paying || Boolean(busy) },
      { key: 'F6', label: m('key_account'), action: () => member && setAcctUsed(!acctUsed), disabled: phase.kind !== 'cart' || !member },
      phase.kind === 'offline'
        ? { key: 'F7', label: om('modeKey'), action: toggleMode, disabled: Boolean(busy) }
        : { key: 'F7', label: m('key_quota'), action: cycleQuota, disabled: phase.kind !== 'cart' || !member?.quotas.length },
      phase.kind === 'offlineDone'
        ? { key: 'F8', label: om('key_print'), action: () => void printOffline(phase.view.saleId) }
        : { key: 'F8', label: m('key_presettle'), action: () => void presettle(), disabled: phase.kind !== 'cart' || !lines.length || Boolean(busy) },
      // 付款码: paid only on the provider's confirmation (B10); offline, the cashier still confirms it.
      { key: 'F9', label: m('key_mobile'), action: () => setDialog('mobile'), disabled: !paying || Boolean(busy) },
      { key: 'F10', label: m('key_settle'), action: () => void settle('cash'), disabled: !paying || Boolean(busy) },
      {
        key: 'Escape',
        label: paying ? m('key_back') : m('key_clear'),
        action: () => (paying ? backToCart(phase.sale) : clearSale()),
        disabled: Boolean(busy) || Boolean(dialog),
      },
    ].map((k) => ({
      ...k,
      // Each key is a new action: the last one's error goes (an action that fails sets its own).
      action: () => {
        setError(undefined)
        k.action()
      },
    }))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [m, om, sm, phase, busy, lines, member, acctUsed, mulaidId, prescription, tendered, dialog, selected, line])

  // Keyboard first: whenever nothing else needs the keys, they go to the scan box.
  // `active` turns true again after an unlock or a tab switch: the next scan must land in the box (B6).
  useEffect(() => {
    if (dialog || discountApproval || busy || !active) return
    if ((phase.kind === 'review' && phase.refundedCash === undefined) || phase.kind === 'offline') tenderRef.current?.focus()
    else scanRef.current?.focus()
  }, [dialog, discountApproval, phase, busy, error, active])

  useEffect(() => {
    const onArrow = (e: KeyboardEvent) => {
      if (dialog || phase.kind !== 'cart' || !lines.length) return
      const target = e.target as HTMLElement
      if (target.closest('.scan-hits') || (target as HTMLInputElement).value) return
      if (e.key === 'ArrowDown') setSelected((s) => Math.min(s + 1, lines.length - 1))
      else if (e.key === 'ArrowUp') setSelected((s) => Math.max(s - 1, 0))
    }
    window.addEventListener('keydown', onArrow)
    return () => window.removeEventListener('keydown', onArrow)
  }, [dialog, phase.kind, lines.length])

  const sale = phase.kind === 'cart' ? undefined : phase.sale

  return (
    <div className="workspace counter">
      <div className="counter-main">
        <div className="counter-left">
          <RecoveryBanner status={journal} />
          <ShiftBanner tick={phase.kind} />
          <ScanBox ref={scanRef} disabled={paying || Boolean(dialog)} onSubmit={(t, h) => void onScanned(classifyScan(t), h)} onPick={add} />
          <ErrorNotice error={error} />
          <OkNotice text={notice} />
          {saleDiscount && phase.kind === 'cart' && lines.length > 0 && (
            <p className="tag" data-testid="sale-discount-tag">
              {m('saleDiscountTag', { text: discountText(saleDiscount) })}
            </p>
          )}
          {busy && (
            <p aria-busy="true" className="busy">
              {m(busy === 'settle' ? 'settling' : busy === 'presettle' ? 'presettling' : busy === 'identify' ? 'identifying' : 'searching')}
            </p>
          )}
          <div className="cart-scroll">
            {sale && !lines.length ? (
              <SaleLines sale={sale} />
            ) : (
              <CartTable
                lines={lines}
                selected={selected}
                hasMember={Boolean(member)}
                sale={sale}
                onLot={phase.kind === 'cart' ? (i, lotId) => setLines(lines.map((l, j) => (j === i ? { ...l, lotId } : l))) : undefined}
              />
            )}
          </div>
          {prescription && (
            <p className="muted">
              {m('prescriptionSet', { rxno: prescription.rxno ?? '—', pharmacist: sale?.prescription?.pharmacist ?? prescription.pharmacist })}{' '}
              {phase.kind === 'cart' && (
                <button type="button" className="link" onClick={() => setDialog('rx')}>
                  {m('rxEdit')}
                </button>
              )}
            </p>
          )}
        </div>
        <CounterAside
          phase={phase}
          member={member}
          acctUsed={acctUsed}
          mulaidId={mulaidId}
          snapshotSeenAt={snapshotSeenAt}
          lines={lines}
          practice={settings.trainingMode && !paying ? (qrCode) => void identify({ qrCode }) : undefined}
          pay={{ cashDue, tendered, onTendered: setTendered, onEnter: () => void settle('cash'), busy: Boolean(busy), tenderRef }}
        />
      </div>
      <FunctionKeyBar keys={keys} />
      {dialog === 'member' && <CredentialDialog busy={busy === 'identify'} onDone={(input) => (input ? void identify(input) : setDialog(undefined))} />}
      {dialog === 'qty' && lines[selected] && (
        <QtyDialog
          qty={lines[selected].qty}
          split={lines[selected].split}
          pack={packOf(lines[selected].item.storeCode)}
          boxUnit={lines[selected].item.unit}
          discount={lines[selected].discount}
          insured={isInsured(lines[selected], Boolean(member))}
          saleDiscount={saleDiscount}
          onDone={(qty, split, discount, whole) => {
            setDialog(undefined)
            if (!qty) return
            setLines(lines.map((l, i) => (i === selected ? { ...l, qty, split, discount } : l)))
            setSaleDiscount(whole)
          }}
        />
      )}
      {discountApproval && (
        <DiscountApprovalDialog
          message={discountApproval.message}
          busy={busy === 'presettle'}
          onDone={(approval) => (approval ? void presettleWith(discountApproval.prescription, approval) : setDiscountApproval(undefined))}
        />
      )}
      {dialog === 'rx' && (
        <PrescriptionDialog
          value={prescription}
          onDone={(p) => {
            setDialog(undefined)
            setPrescription(p)
            // Asked for by F8: pre-settle at once rather than make the cashier press F8 again (B12).
            if (p && !prescription && lines.some((l) => l.item.rxFlag)) void presettleWith(p)
          }}
        />
      )}
      {dialog === 'clear' && (
        <ConfirmDialog
          title={m('clearTitle')}
          onCancel={() => setDialog(undefined)}
          onConfirm={() => {
            setDialog(undefined)
            newSale()
          }}
        >
          <p>
            {m('clearText', {
              lines: lines.length,
              member: member ? m('clearMember', { name: member.nameMasked }) : '',
              rx: prescription ? m('clearRx') : '',
            })}
          </p>
        </ConfirmDialog>
      )}
      {dialog === 'mobile' && phase.kind === 'review' && (
        <MobilePayDialog
          sale={phase.sale}
          amount={cashDue}
          onPaid={(sale) => {
            setDialog(undefined)
            setPhase({ kind: 'done', sale })
          }}
          onClose={(settled) => {
            setDialog(undefined)
            // Settled with the platform but not paid by code: the sale is done and its cash part shown as owed.
            if (settled) setPhase({ kind: 'done', sale: settled })
          }}
        />
      )}
      {dialog === 'mobile' && phase.kind === 'offline' && (
        <ConfirmDialog
          title={m('mobileTitle')}
          onCancel={() => setDialog(undefined)}
          onConfirm={() => {
            setDialog(undefined)
            void settle('mobile')
          }}
        >
          <p className="total-big" data-testid="mobile-amount">
            ¥{cashDue}
          </p>
          <p>{m('mobileText', { amount: cashDue })}</p>
        </ConfirmDialog>
      )}
      {dialog === 'shift' && <ShiftDialog onClose={() => setDialog(undefined)} />}
      {dialog === 'held' && <HeldSalesDialog onRecall={(n) => void recall(n)} onClose={() => setDialog(undefined)} />}
      {dialog === 'history' && (
        <SalesHistory
          onClose={() => setDialog(undefined)}
          onNotice={setNotice}
          onReplacement={(replacement, refundedCash) => {
            setDialog(undefined)
            setLines([])
            setTendered('')
            setPhase({ kind: 'review', sale: replacement, refundedCash })
          }}
        />
      )}
    </div>
  )
}
