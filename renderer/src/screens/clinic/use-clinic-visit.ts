import { useCallback, useContext, useEffect, useRef, useState } from 'react'
import { useCallRunner } from '../../components/use-call-runner'
import type { CallOutput } from '../../../../shared/contract'
import type { ClinicItem, Diagnosis, VisitView } from '../../../../shared/contract/clinic/schemas'
import type { MemberView } from '../../../../shared/contract/sale/schemas'
import { pos } from '../../api/pos'
import { toShownError } from '../../components/ErrorNotice'
import { ActiveContext } from '../../components/FunctionKeys'
import { useClinicMessages } from './messages'

export type MedType = '11' | '13' | '14'
export type ClinicDialog = 'list' | 'refund' | 'cancel' | null

/**
 * A clinic visit at the front desk, stage by stage: identify, register (2201), diagnose, add and upload fees,
 * pre-settle, take the money, refund or cancel. Each step is one core call; the core moves the visit and
 * answers it, and this hook keeps what the receptionist is choosing in between.
 */
export function useClinicVisit() {
  const m = useClinicMessages()
  const [setup, setSetup] = useState<CallOutput<'clinicSetup'>>()
  const [status, setStatus] = useState<CallOutput<'clinicStatus'>>()
  const [member, setMember] = useState<MemberView | null>(null)
  const [visit, setVisit] = useState<VisitView | null>(null)
  const [reg, setReg] = useState({ medType: '11' as MedType, deptCode: '', doctorCode: '' })
  const [diagnoses, setDiagnoses] = useState<Diagnosis[]>([])
  const [diagMedType, setDiagMedType] = useState<MedType>('11')
  const [qty, setQty] = useState('1')
  const [selLine, setSelLine] = useState<number | null>(null)
  const [pay, setPay] = useState<{ acctUsed: boolean; mulaidId: string | null }>({ acctUsed: false, mulaidId: null })
  const [tendered, setTendered] = useState('')
  const [dialog, setDialog] = useState<ClinicDialog>(null)
  const [notice, setNotice] = useState<string>()
  const runner = useCallRunner<true>(setNotice)
  const { error, setError } = runner
  const busy = runner.busy !== undefined
  const codeRef = useRef<HTMLInputElement>(null)
  const diagRef = useRef<HTMLInputElement>(null)
  const feeRef = useRef<HTMLInputElement>(null)
  const tenderRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    pos.clinicSetup({}).then(
      (s) => {
        setSetup(s)
        setReg((r) => ({ ...r, deptCode: s.departments[0]?.code ?? '', doctorCode: s.doctors[0]?.code ?? '' }))
      },
      (e: unknown) => setError(toShownError(e)),
    )
    const poll = () => pos.clinicStatus({}).then(setStatus, () => undefined)
    void poll()
    const t = setInterval(poll, 5000)
    const off = pos.on('clinicVisitChanged', ({ visit: v }) => setVisit((cur) => (cur && cur.id === v.id ? v : cur)))
    return () => {
      clearInterval(t)
      off()
    }
  }, [setError])

  /** Runs one call with the busy flag and the error shown; answers the visit it returns, if any. */
  const { run: runAs } = runner
  const run = useCallback(<T>(fn: () => Promise<T>) => runAs(true, fn), [runAs])

  const open = useCallback((v: VisitView) => {
    setVisit(v)
    setMember(null)
    setDiagnoses(v.diagnoses)
    setDiagMedType(v.medType)
    setPay({ acctUsed: v.acctUsed, mulaidId: v.mulaidId ?? v.patient.quotas[0]?.mulaidId ?? null })
    setSelLine(null)
  }, [])

  const newVisit = useCallback(() => {
    setVisit(null)
    setMember(null)
    setDiagnoses([])
    setError(undefined)
    setNotice(undefined)
    setTendered('')
    setTimeout(() => codeRef.current?.focus(), 0)
  }, [setError])

  // Coming to this tab puts the cursor where the receptionist scans next.
  const active = useContext(ActiveContext)
  const hasVisit = Boolean(visit)
  useEffect(() => {
    if (active && !hasVisit) setTimeout(() => codeRef.current?.focus(), 0)
  }, [active, hasVisit])

  // Focus follows the work: diagnosis after registering, fees after the diagnosis, cash after pre-settling.
  const stage = visit?.stage
  useEffect(() => {
    if (stage === 'registered') diagRef.current?.focus()
    else if (stage === 'diagnosed') feeRef.current?.focus()
    else if (stage === 'presettled') tenderRef.current?.focus()
  }, [stage])

  const register = () =>
    member &&
    run(async () => {
      const v = await pos.clinicStartVisit({ memberRef: member.ref, ...reg })
      open(v)
      setDiagMedType(reg.medType)
    }).then(
      () => undefined,
      () => undefined,
    )

  const saveDiagnosis = () => visit && run(async () => open(await pos.clinicSetDiagnosis({ visitId: visit.id, medType: diagMedType, diagnoses })))

  const addFee = (item: ClinicItem) =>
    visit &&
    run(async () => {
      setVisit(await pos.clinicAddFee({ visitId: visit.id, source: item.source, code: item.code, qty: qty || '1' }))
      setQty('1')
    })

  const upload = () => visit && run(async () => setVisit(await pos.clinicUploadFees({ visitId: visit.id })))

  const removeFee = () =>
    visit &&
    selLine !== null &&
    run(async () => {
      setVisit(await pos.clinicRemoveFee({ visitId: visit.id, seq: selLine }))
      setSelLine(null)
    })

  const presettle = () =>
    visit &&
    run(async () => {
      const v = await pos.clinicPresettle({ visitId: visit.id, acctUsed: pay.acctUsed, mulaidId: pay.mulaidId })
      setVisit(v)
      setTendered(v.split?.cashDue ?? '')
    })

  const settle = (mobile: boolean) =>
    visit &&
    run(async () => {
      const v = await pos.clinicSettle({ visitId: visit.id, payment: mobile ? { method: 'mobile' } : { method: 'cash', tendered: tendered || '0' } })
      setVisit(v)
      setNotice(m('settled', { change: v.payment?.change ?? '0.00' }))
    })

  const cyclePayQuota = () => {
    if (!visit) return
    const ids = [null, ...visit.patient.quotas.map((q) => q.mulaidId)]
    setPay({ ...pay, mulaidId: ids[(ids.indexOf(pay.mulaidId) + 1) % ids.length] })
  }

  const openById = (id: string) =>
    void run(async () => {
      open(await pos.clinicGetVisit({ visitId: id }))
      setDialog(null)
    })

  const refund = (approval: { userId: string; pin: string }, reason: string) =>
    visit &&
    void run(async () => {
      const v = await pos.clinicRefund({ visitId: visit.id, approval, reason })
      setVisit(v)
      setDialog(null)
      // Say the cash to hand back, as the counter does (B19).
      setNotice(m('refunded', { cash: v.payment?.cashDue ?? v.split?.cashDue ?? '0.00' }))
    })

  const cancel = (reason: string) =>
    visit &&
    void run(async () => {
      setVisit(await pos.clinicCancelVisit({ visitId: visit.id, reason }))
      setDialog(null)
    })

  return {
    setup,
    status,
    member,
    setMember,
    visit,
    reg,
    setReg,
    diagnoses,
    setDiagnoses,
    diagMedType,
    setDiagMedType,
    qty,
    setQty,
    selLine,
    setSelLine,
    pay,
    setPay,
    tendered,
    setTendered,
    dialog,
    setDialog,
    busy,
    error,
    notice,
    codeRef,
    diagRef,
    feeRef,
    tenderRef,
    stage,
    canDiagnose: ['registered', 'diagnosed', 'presettled'].includes(stage ?? ''),
    canFees: stage === 'diagnosed' || stage === 'presettled',
    run,
    newVisit,
    register,
    saveDiagnosis,
    addFee,
    upload,
    removeFee,
    presettle,
    settle,
    cyclePayQuota,
    openById,
    refund,
    cancel,
  }
}

export type ClinicVisit = ReturnType<typeof useClinicVisit>
