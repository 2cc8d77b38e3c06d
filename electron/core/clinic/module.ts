import type { CoreContext, CoreModule } from '../module'
import type { CLINIC_CALLS } from '../../../shared/contract/clinic/names'
import { settlingServiceDeps } from '../journal'
import { ClinicService } from './clinic-service'

export function clinicModule(ctx: CoreContext): CoreModule<(typeof CLINIC_CALLS)[number]> {
  const clinic = new ClinicService(settlingServiceDeps(ctx))
  ctx.recovery.add(clinic.recoveryPart())
  return {
    handlers: {
      clinicSetup: () => clinic.setup(),
      clinicTrainingPatients: () => clinic.trainingPatients(),
      clinicIdentify: (by) => clinic.identify(by),
      clinicStartVisit: (input, caller) => clinic.startVisit(input, caller),
      clinicSearchDiagnoses: ({ query, limit }) => clinic.searchDiagnoses(query, limit),
      clinicSetDiagnosis: (input, caller) => clinic.setDiagnosis(input, caller),
      clinicSearchItems: ({ query, limit }) => clinic.searchItems(query, limit),
      clinicAddFee: (input, caller) => clinic.addFee(input, caller),
      clinicRemoveFee: ({ visitId, seq }, caller) => clinic.removeFee(visitId, seq, caller),
      clinicUploadFees: ({ visitId }, caller) => clinic.uploadFees(visitId, caller),
      clinicPresettle: (input, caller) => clinic.presettle(input, caller),
      clinicSettle: ({ visitId, payment }, caller) => clinic.settle(visitId, payment, caller),
      clinicRefund: ({ visitId, approval, reason }, caller) => clinic.refund(visitId, approval, reason, caller),
      clinicCancelVisit: ({ visitId, reason }, caller) => clinic.cancelVisit(visitId, reason, caller),
      clinicGetVisit: ({ visitId }) => clinic.view(visitId),
      clinicListVisits: ({ day, limit }) => clinic.list(day, limit),
      clinicPriceList: () => clinic.priceList.all(),
      clinicImportPriceList: ({ csv }, caller) => clinic.importPriceList(csv, caller),
      clinicStatus: () => clinic.status(),
    },
    start: () => clinic.seedTrainingPriceList(),
  }
}
