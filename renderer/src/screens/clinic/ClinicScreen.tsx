import { ErrorNotice, OkNotice } from '../../components/ErrorNotice'
import { FunctionKeyBar } from '../../components/FunctionKeys'
import type { WorkspaceProps } from '../../shell/workspace'
import './clinic.css'
import { clinicKeys } from './clinic-keys'
import { ClinicPayPanel } from './ClinicPayPanel'
import { ApprovalDialog, ReasonDialog, VisitListDialog } from './dialogs'
import { FeesPanel } from './FeesPanel'
import { useClinicMessages } from './messages'
import { PatientStart } from './PatientStart'
import { useClinicVisit } from './use-clinic-visit'
import { DiagnosisPanel, VisitHeader } from './VisitPanels'

/** The front desk: a clinic visit from the patient's code to the receipt, one panel per stage. */
export function ClinicScreen({ settings }: WorkspaceProps) {
  const m = useClinicMessages()
  const c = useClinicVisit()
  const { visit, setup, busy, dialog, setDialog } = c
  return (
    <div className="workspace">
      <div className="clinic-main">
        <div className="clinic-left">
          {c.status?.recovering && <div className="notice">{m('recovering')}</div>}
          <OkNotice text={c.notice} />
          <ErrorNotice error={c.error} />
          {!visit && setup && (
            <PatientStart
              setup={setup}
              member={c.member}
              onMember={c.setMember}
              reg={c.reg}
              onReg={c.setReg}
              onRegister={() => void c.register()}
              codeRef={c.codeRef}
              run={c.run}
              training={settings.trainingMode}
            />
          )}
          {visit && (
            <>
              <VisitHeader visit={visit} />
              <DiagnosisPanel c={c} />
              <FeesPanel c={c} visit={visit} />
            </>
          )}
        </div>
        <div className="clinic-right">
          {visit && (
            <ClinicPayPanel
              visit={visit}
              canFees={c.canFees}
              pay={c.pay}
              onPay={c.setPay}
              tendered={c.tendered}
              onTendered={c.setTendered}
              onSettle={(mobile) => void c.settle(mobile)}
              busy={busy}
              tenderRef={c.tenderRef}
            />
          )}
        </div>
      </div>
      {dialog === 'list' && <VisitListDialog onClose={() => setDialog(null)} onOpen={c.openById} />}
      {dialog === 'refund' && visit && <ApprovalDialog busy={busy} onClose={() => setDialog(null)} onSubmit={c.refund} />}
      {dialog === 'cancel' && visit && <ReasonDialog busy={busy} onClose={() => setDialog(null)} onSubmit={c.cancel} />}
      <FunctionKeyBar keys={clinicKeys(m, c)} />
    </div>
  )
}
