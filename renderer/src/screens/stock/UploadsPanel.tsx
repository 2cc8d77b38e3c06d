import { useCallback, useEffect, useState } from 'react'
import type { z } from 'zod'
import type { LotView } from '../../../../shared/contract/stock/schemas'
import type { UploadIssue, UploadRowSchema } from '../../../../shared/contract/uploads/schemas'
import { pos } from '../../api/pos'
import { OkNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { cstDateTime } from '../../i18n/beijing-time'
import { UPLOAD_INFNOS, useUploadMessages } from './messages'

type UploadRow = z.infer<typeof UploadRowSchema>

/** Fields the platform fills from the store's own records: shown, not typed over. */
const FIXED = new Set(['fixmedins_hilist_id', 'fixmedins_bchno', 'mdtrt_sn', 'rtal_docno', 'medins_prod_sel_no', 'setl_id', 'psn_no'])

/**
 * 平台上传 (库存): the platform's stock uploads (3501–3507) that need the manager — held for a missing fact or
 * a missing lot, or refused by the platform with its reason — each corrected and sent again, or dismissed
 * with a reason; the facts every upload repeats; the latest uploads, with 3507 for a mistaken one.
 */
export function UploadsPanel({ version, onError }: { version: number; onError: (e: ShownError) => void }) {
  const m = useUploadMessages()
  const [issues, setIssues] = useState<UploadIssue[]>([])
  const [recent, setRecent] = useState<UploadRow[]>([])
  const [open, setOpen] = useState<UploadIssue>()
  const [ok, setOk] = useState<string>()
  const [bump, setBump] = useState(0)
  const load = useCallback(() => {
    Promise.all([pos.stockUploadIssues({}), pos.stockUploadsRecent({ limit: 50 })]).then(
      ([i, r]) => {
        setIssues(i)
        setRecent(r)
      },
      (e: unknown) => onError(toShownError(e)),
    )
  }, [onError])
  useEffect(load, [load, version, bump])
  useEffect(() => pos.on('stockUploadsChanged', () => setBump((b) => b + 1)), [])
  const done = (text: string) => {
    setOk(text)
    setOpen(undefined)
    load()
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: '1rem' }}>
      <section className="card" style={{ maxWidth: 'none' }}>
        <h3>{m('issues')}</h3>
        <OkNotice text={ok} testId="uploads-ok" />
        {issues.length === 0 ? (
          <p>{m('noIssues')}</p>
        ) : (
          <table className="grid" data-testid="upload-issues">
            <thead>
              <tr>
                <th>{m('kindHead')}</th>
                <th>{m('infno')}</th>
                <th>{m('item')}</th>
                <th>{m('reason')}</th>
                <th>{m('at')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {issues.map((i) => (
                <tr key={i.id}>
                  <td>{m(`kind_${i.kind}`)}</td>
                  <td>{infnoName(m, i.infno)}</td>
                  <td>{`${i.storeCode} ${String(i.fields.fixmedins_hilist_name ?? '')}`}</td>
                  <td style={{ maxWidth: '28rem', whiteSpace: 'normal' }}>{i.reason}</td>
                  <td>{cstDateTime(i.at)}</td>
                  <td>
                    <button type="button" onClick={() => setOpen(i)}>
                      {m('handle')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {open && <IssueForm key={open.id} issue={open} m={m} onError={onError} onDone={done} />}
      </section>
      <FactsForm m={m} onError={onError} />
      <section className="card" style={{ maxWidth: 'none' }}>
        <h3>{m('recent')}</h3>
        <table className="grid" data-testid="uploads-recent">
          <thead>
            <tr>
              <th>{m('infno')}</th>
              <th>{m('item')}</th>
              <th>{m('bchno')}</th>
              <th>{m('state')}</th>
              <th>{m('at')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {recent.map((r) => (
              <tr key={r.msgid}>
                <td>{infnoName(m, r.infno)}</td>
                <td>{r.storeCode ?? ''}</td>
                <td>{r.bchno}</td>
                <td title={r.lastError ?? ''}>{m(`state_${r.state}`)}</td>
                <td>{cstDateTime(r.createdAt)}</td>
                <td>{r.state === 'done' && r.infno !== '3507' && <Withdraw msgid={r.msgid} m={m} onError={onError} onDone={() => done(m('withdrawn'))} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}

type M = ReturnType<typeof useUploadMessages>

const infnoName = (m: M, infno: string) => {
  const known = UPLOAD_INFNOS.find((n) => n === infno)
  return known ? m(`infno_${known}`) : infno
}

function IssueForm({ issue, m, onError, onDone }: { issue: UploadIssue; m: M; onError: (e: ShownError) => void; onDone: (text: string) => void }) {
  const [fields, setFields] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(issue.fields).map(([k, v]) => [k, String(v)])))
  const [lots, setLots] = useState<LotView[]>([])
  const [lotId, setLotId] = useState('')
  const [note, setNote] = useState('')
  const needsLot = issue.kind === 'held' && 'fixmedins_bchno' in issue.fields && issue.fields.fixmedins_bchno === ''
  useEffect(() => {
    if (needsLot) pos.stockLots({ storeCode: issue.storeCode, includeEmpty: true }).then(setLots, (e: unknown) => onError(toShownError(e)))
  }, [needsLot, issue.storeCode, onError])
  const changed = () => Object.fromEntries(Object.entries(fields).filter(([k, v]) => String(issue.fields[k] ?? '') !== v))
  const resend = () =>
    pos.resendStockUpload({ kind: issue.kind, id: issue.id, fields: changed(), lotId: lotId || undefined, note: note || undefined }).then(
      () => onDone(m('resent')),
      (e: unknown) => onError(toShownError(e)),
    )
  const dismiss = () =>
    pos.dismissStockUpload({ kind: issue.kind, id: issue.id, note }).then(
      () => onDone(m('dismissed')),
      (e: unknown) => onError(toShownError(e)),
    )
  return (
    <div
      data-testid="upload-issue-form"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(16rem, 1fr))', gap: '0.5rem', marginTop: '0.75rem' }}
    >
      {needsLot && (
        <label>
          {m('lot')}{' '}
          <select value={lotId} onChange={(e) => setLotId(e.target.value)} data-testid="upload-lot">
            <option value="">{m('pickLot')}</option>
            {lots.map((l) => (
              <option key={l.lotId} value={l.lotId}>{`${l.lotNo} · ${l.expiryDate} · ${l.bchno}`}</option>
            ))}
          </select>
        </label>
      )}
      {Object.entries(fields).map(([k, v]) => (
        <label key={k}>
          <code>{k}</code>{' '}
          <input value={v} disabled={FIXED.has(k)} data-field={k} style={{ width: '100%' }} onChange={(e) => setFields({ ...fields, [k]: e.target.value })} />
        </label>
      ))}
      <label>
        {m('note')} <input value={note} onChange={(e) => setNote(e.target.value)} style={{ width: '100%' }} />
      </label>
      <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'end' }}>
        <button type="button" onClick={() => void resend()}>
          {m('resend')}
        </button>
        <button type="button" onClick={() => void dismiss()}>
          {m('dismiss')}
        </button>
      </div>
    </div>
  )
}

function FactsForm({ m, onError }: { m: M; onError: (e: ShownError) => void }) {
  const [pharmacist, setPharmacist] = useState('')
  const [certNo, setCertNo] = useState('')
  const [certType, setCertType] = useState('')
  const [saved, setSaved] = useState<string>()
  useEffect(() => {
    pos.stockUploadFacts({}).then(
      (facts) => {
        const get = (scope: string, field: string, key?: string) =>
          facts.find((f) => f.scope === scope && f.field === field && (key === undefined || f.key === key))?.value ?? ''
        const name = get('store', 'duty_pharmacist')
        setPharmacist(name)
        setCertNo(get('pharmacist', 'phar_prac_cert_no', name))
        setCertType(get('store', 'anonymous_psn_cert_type'))
      },
      (e: unknown) => onError(toShownError(e)),
    )
  }, [onError])
  const save = async () => {
    try {
      if (pharmacist.trim()) await pos.setStockUploadFact({ scope: 'store', key: '', field: 'duty_pharmacist', value: pharmacist })
      if (pharmacist.trim() && certNo.trim()) await pos.setStockUploadFact({ scope: 'pharmacist', key: pharmacist, field: 'phar_prac_cert_no', value: certNo })
      if (certType.trim()) await pos.setStockUploadFact({ scope: 'store', key: '', field: 'anonymous_psn_cert_type', value: certType })
      setSaved(m('saved'))
    } catch (e) {
      onError(toShownError(e))
    }
  }
  return (
    <section className="card" style={{ maxWidth: 'none', display: 'flex', gap: '1rem', flexWrap: 'wrap', alignItems: 'end' }} data-testid="upload-facts">
      <h3 style={{ width: '100%' }}>{m('facts')}</h3>
      <label>
        {m('dutyPharmacist')} <input value={pharmacist} onChange={(e) => setPharmacist(e.target.value)} />
      </label>
      <label>
        {m('certNo')} <input value={certNo} onChange={(e) => setCertNo(e.target.value)} />
      </label>
      <label>
        {m('anonymousCertType')} <input value={certType} onChange={(e) => setCertType(e.target.value)} style={{ width: '5rem' }} />
      </label>
      <button type="button" onClick={() => void save()}>
        {m('save')}
      </button>
      <OkNotice text={saved} />
    </section>
  )
}

function Withdraw({ msgid, m, onError, onDone }: { msgid: string; m: M; onError: (e: ShownError) => void; onDone: () => void }) {
  const [note, setNote] = useState('')
  return (
    <span style={{ display: 'inline-flex', gap: '0.25rem' }}>
      <input placeholder={m('withdrawNote')} value={note} onChange={(e) => setNote(e.target.value)} style={{ width: '8rem' }} />
      <button
        type="button"
        disabled={note.trim().length < 2}
        onClick={() => pos.withdrawStockUpload({ msgid, note }).then(onDone, (e: unknown) => onError(toShownError(e)))}
      >
        {m('withdraw')}
      </button>
    </span>
  )
}
