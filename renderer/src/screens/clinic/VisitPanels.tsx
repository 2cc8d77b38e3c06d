import { useCallback } from 'react'
import type { VisitView } from '../../../../shared/contract/clinic/schemas'
import { useLocale } from '../../i18n'
import { STAGE_LABELS, useClinicMessages } from './messages'
import { SearchPicker } from './SearchPicker'
import { pos } from '../../api/pos'
import type { ClinicVisit, MedType } from './use-clinic-visit'

/** Who the visit is for, where it stands, and what the platform has not answered yet. */
export function VisitHeader({ visit }: { visit: VisitView }) {
  const m = useClinicMessages()
  const locale = useLocale()
  return (
    <section className="clinic-panel" aria-label={m('visit')} data-testid="visit">
      <div className="clinic-row">
        <strong>{visit.patient.nameMasked}</strong>
        <span>{visit.medTypeName}</span>
        <span>
          {visit.department.name} · {visit.doctor.name}
        </span>
        <span className="muted small">
          {m('otpNo')} {visit.iptOtpNo}
        </span>
        <span className="clinic-stage" data-testid="visit-stage" data-stage={visit.stage}>
          {STAGE_LABELS[locale][visit.stage]}
        </span>
        {visit.training && <span className="tag tag-warn">{m('training')}</span>}
      </div>
      {visit.unresolved > 0 && <p className="muted small">{m('unresolved', { n: visit.unresolved })}</p>}
      {visit.error && (
        <p className="small" style={{ color: 'var(--danger)' }}>
          {visit.error}
        </p>
      )}
    </section>
  )
}

/** The diagnoses (up to five) and the outpatient category they are registered under (F5). */
export function DiagnosisPanel({ c }: { c: ClinicVisit }) {
  const m = useClinicMessages()
  const searchDiagnoses = useCallback((q: string) => pos.clinicSearchDiagnoses({ query: q }), [])
  const { canDiagnose, diagnoses, setDiagnoses } = c
  return (
    <section className="clinic-panel" aria-label={m('diagnosisTitle')}>
      <h3>{m('diagnosisTitle')}</h3>
      {canDiagnose && (
        <div className="clinic-row">
          <label>
            {m('medType')}{' '}
            <select aria-label={m('medType')} value={c.diagMedType} onChange={(e) => c.setDiagMedType(e.target.value as MedType)}>
              {c.setup?.medTypes.map((t) => (
                <option key={t.code} value={t.code}>
                  {t.code} {t.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {canDiagnose && (
        <SearchPicker
          label={m('diagnosisSearch')}
          placeholder={m('diagnosisPlaceholder')}
          search={searchDiagnoses}
          inputRef={c.diagRef}
          keyOf={(d) => d.code}
          render={(d) => (
            <>
              <span>{d.name}</span>
              <code>{d.code}</code>
            </>
          )}
          onPick={(d) => setDiagnoses((cur) => (cur.some((x) => x.code === d.code) ? cur : [...cur, d].slice(0, 5)))}
        />
      )}
      <ul className="clinic-chips" aria-label={m('diagnosisTitle')}>
        {diagnoses.length === 0 && <li className="muted">{m('diagnosisNone')}</li>}
        {diagnoses.map((d) => (
          <li key={d.code}>
            {d.code} {d.name}
            {canDiagnose && (
              <button
                type="button"
                tabIndex={-1}
                aria-label={`${m('cancel')} ${d.code}`}
                onClick={() => setDiagnoses(diagnoses.filter((x) => x.code !== d.code))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
