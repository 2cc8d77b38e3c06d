import { useEffect, useState, type RefObject } from 'react'
import type { CallOutput } from '../../../../shared/contract'
import type { MemberView } from '../../../../shared/contract/sale/schemas'
import { pos } from '../../api/pos'
import { PracticeCodes } from '../../components/PracticeCodes'
import { useClinicMessages } from './messages'

type Setup = CallOutput<'clinicSetup'>
type Reg = { medType: '11' | '13' | '14'; deptCode: string; doctorCode: string }

/** Identify the patient (QR code or ID number), then choose visit type, department and doctor. */
export function PatientStart({
  setup,
  member,
  onMember,
  reg,
  onReg,
  onRegister,
  codeRef,
  run,
  training,
}: {
  setup: Setup
  member: MemberView | null
  onMember: (m: MemberView) => void
  reg: Reg
  onReg: (r: Reg) => void
  onRegister: () => void
  codeRef: RefObject<HTMLInputElement | null>
  run: <T>(fn: () => Promise<T>) => Promise<T | undefined>
  training: boolean
}) {
  const m = useClinicMessages()
  const [code, setCode] = useState('')
  const identify = (value: string) =>
    run(async () => {
      const v = value.trim()
      const found = await pos.clinicIdentify(/^\d{17}[\dXx]$/.test(v) ? { idCardNo: v } : { qrCode: v })
      onMember(found)
      setCode('')
      // A certified patient most often comes for the chronic disease.
      onReg({ ...reg, medType: found.certifications.length ? '14' : '11' })
      return found
    })
  useEffect(() => codeRef.current?.focus(), [codeRef])
  const doctors = setup.doctors.filter((d) => d.deptCode === reg.deptCode)

  return (
    <>
      <section className="clinic-panel" aria-label={m('newVisit')}>
        <h3>{m('newVisit')}</h3>
        <form
          className="clinic-picker"
          onSubmit={(e) => {
            e.preventDefault()
            if (code.trim()) void identify(code)
          }}
        >
          <label className="scanbox-label">
            <span>{m('codeLabel')}</span>
            <input ref={codeRef} aria-label={m('codeLabel')} value={code} placeholder={m('codePlaceholder')} onChange={(e) => setCode(e.target.value)} />
          </label>
        </form>
      </section>
      {member && (
        <section className="clinic-panel" aria-label={m('patient')} data-testid="patient">
          <h3>
            {m('labelled', { label: m('patient'), text: member.nameMasked })} <small className="muted">{member.certNoMasked}</small>
          </h3>
          <p className="small">
            {member.gender} {member.age} · {member.insutypeName} · {member.psnTypeName} · {member.insuplcAdmdvs}
            {member.insutype === '310' && (
              <>
                {' '}
                · {m('balance')} {member.accountBalance}
              </>
            )}
          </p>
          <p className="small">
            {member.certifications.length
              ? m('labelled', { label: m('cert'), text: member.certifications.map((c) => m('withNote', { text: c.name, note: c.code })).join(m('listSep')) })
              : m('noCert')}
          </p>
          <p className="small">
            {member.quotas.length
              ? m('labelled', {
                  label: m('quotas'),
                  text: member.quotas
                    .map((q) => m('withNote', { text: q.payerNameMasked, note: q.relationName }) + m('remaining', { n: q.remaining }))
                    .join(m('listSep')),
                })
              : m('noQuota')}
          </p>
          <form
            className="clinic-row"
            onSubmit={(e) => {
              e.preventDefault()
              onRegister()
            }}
          >
            <label>
              {m('medType')}{' '}
              <select aria-label={m('medType')} value={reg.medType} autoFocus onChange={(e) => onReg({ ...reg, medType: e.target.value as Reg['medType'] })}>
                {setup.medTypes.map((t) => (
                  <option key={t.code} value={t.code}>
                    {t.code} {t.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {m('department')}{' '}
              <select
                aria-label={m('department')}
                value={reg.deptCode}
                onChange={(e) => onReg({ ...reg, deptCode: e.target.value, doctorCode: setup.doctors.find((d) => d.deptCode === e.target.value)?.code ?? '' })}
              >
                {setup.departments.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {m('doctor')}{' '}
              <select aria-label={m('doctor')} value={reg.doctorCode} onChange={(e) => onReg({ ...reg, doctorCode: e.target.value })}>
                {doctors.map((d) => (
                  <option key={d.code} value={d.code}>
                    {m('withNote', { text: d.name, note: d.title })}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">
              {m('register')} <kbd>F4</kbd>
            </button>
          </form>
          <p className="muted small">{m('registerHint')}</p>
        </section>
      )}
      {training && <TrainingPatients onScan={(qr) => void identify(qr)} />}
    </>
  )
}

const loadPatients = () => pos.clinicTrainingPatients({})

function TrainingPatients({ onScan }: { onScan: (qrCode: string) => void }) {
  const m = useClinicMessages()
  return (
    <PracticeCodes
      load={loadPatients}
      onScan={onScan}
      title={m('trainingTitle')}
      hint={m('trainingHint')}
      className="clinic-panel training-codes"
      keyAttribute="data-patient"
    />
  )
}
