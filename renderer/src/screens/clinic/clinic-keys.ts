import type { FunctionKey } from '../../components/FunctionKeys'
import type { useClinicMessages } from './messages'
import type { ClinicVisit } from './use-clinic-visit'

/**
 * One key map with the counter (docs/keys.md): F1 today's list, F2 identify, F4 take out, F6 own account,
 * F7 relative's quota, F8 pre-settle, F9 mobile, F10 take the money, Esc cancel (asks). B14.
 */
export function clinicKeys(m: ReturnType<typeof useClinicMessages>, c: ClinicVisit): FunctionKey[] {
  const { visit, busy, stage, canFees, pay } = c
  return [
    { key: 'F1', label: m('list'), action: () => c.setDialog('list') },
    { key: 'F2', label: m('newVisit'), action: c.newVisit },
    visit
      ? { key: 'F3', label: m('upload'), action: () => void c.upload(), disabled: !canFees || !visit.lines.some((l) => l.state === 'pending') || busy }
      : { key: 'F3', label: m('register'), action: () => void c.register(), disabled: !c.member || busy },
    stage === 'settled'
      ? { key: 'F4', label: m('refund'), action: () => c.setDialog('refund'), disabled: busy }
      : { key: 'F4', label: m('removeFee'), action: () => void c.removeFee(), disabled: !canFees || c.selLine === null || busy },
    { key: 'F5', label: m('saveDiagnosis'), action: () => void c.saveDiagnosis(), disabled: !c.canDiagnose || c.diagnoses.length === 0 || busy },
    {
      key: 'F6',
      label: m('key_account'),
      action: () => c.setPay({ ...pay, acctUsed: !pay.acctUsed }),
      disabled: !canFees || visit?.patient.insutype !== '310' || busy,
    },
    { key: 'F7', label: m('key_quota'), action: c.cyclePayQuota, disabled: !canFees || !visit?.patient.quotas.length || busy },
    { key: 'F8', label: m('presettle'), action: () => void c.presettle(), disabled: !canFees || !visit?.lines.length || busy },
    { key: 'F9', label: m('mobile'), action: () => void c.settle(true), disabled: stage !== 'presettled' || busy },
    { key: 'F10', label: m('settle'), action: () => void c.settle(false), disabled: stage !== 'presettled' || busy },
    {
      key: 'Escape',
      label: m('cancelVisit'),
      action: () => c.setDialog('cancel'),
      disabled: !['registered', 'diagnosed', 'presettled', 'failed'].includes(stage ?? '') || busy,
    },
  ]
}
