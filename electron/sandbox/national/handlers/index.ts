import type { HandlerTable } from '../context'
import { catalogQuery, consumableCatalog, drugCatalog, priceCapQuery, selfpayQuery } from './catalog'
import { fileDownload, fileUpload } from './files'
import { deleteUpload, purchaseReturnUpload, purchaseUpload, saleReturn, saleUpload, stockChangeUpload, stocktakeUpload } from './inventory'
import { cancelRegister, feeCancel, feeUpload, outpatientPreSettle, outpatientRevoke, outpatientSettle, register, visitInfo } from './outpatient'
import { chronicDiseases, personInfo } from './person'
import { pharmacyPreSettle, pharmacyRevoke, pharmacySettle } from './pharmacy'
import { clearing, detailReconciliation, settlementQuery, totalReconciliation } from './reconciliation'
import { reversal } from './reversal'
import { signIn, signOut } from './session'

export const HANDLERS: HandlerTable = {
  '9001': signIn,
  '9002': signOut,
  '1101': personInfo,
  '5301': chronicDiseases,
  '1301': drugCatalog,
  '1306': consumableCatalog,
  '1312': catalogQuery,
  '1318': priceCapQuery,
  '1319': selfpayQuery,
  '9101': fileUpload,
  '9102': fileDownload,
  '2101': pharmacyPreSettle,
  '2102': pharmacySettle,
  '2103': pharmacyRevoke,
  '2201': register,
  '2202': cancelRegister,
  '2203': visitInfo,
  '2204': feeUpload,
  '2205': feeCancel,
  '2206': outpatientPreSettle,
  '2207': outpatientSettle,
  '2208': outpatientRevoke,
  '2601': reversal,
  '3201': totalReconciliation,
  '3202': detailReconciliation,
  '3203': clearing,
  '3501': stocktakeUpload,
  '3502': stockChangeUpload,
  '3503': purchaseUpload,
  '3504': purchaseReturnUpload,
  '5203': settlementQuery,
  '3505': saleUpload,
  '3506': saleReturn,
  '3507': deleteUpload,
}
