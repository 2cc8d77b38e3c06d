/** A visit's stages (VisitStageSchema in schemas.ts is built from this list; the error registry names it too). */
export const VISIT_STAGES = [
  'registering',
  'registered',
  'diagnosed',
  'presettled',
  'settling',
  'reversing',
  'settled',
  'refunding',
  'refunded',
  'cancelling',
  'cancelled',
  'failed',
] as const
type VisitStage = (typeof VISIT_STAGES)[number]

/**
 * A visit's stage and the front desk's actions in words, once for the screen, the error words of both languages
 * and the core's log: the stage a receptionist sees on the visit is the one a refusal names.
 */
export const VISIT_STAGE_WORDS: Record<'zh-CN' | 'en', Record<VisitStage, string>> = {
  'zh-CN': {
    registering: '挂号中',
    registered: '待诊断',
    diagnosed: '待结算',
    presettled: '已预结算',
    settling: '结算中',
    reversing: '冲正中',
    settled: '已结算',
    refunding: '退费中',
    refunded: '已退费',
    cancelling: '取消中',
    cancelled: '已取消',
    failed: '挂号失败',
  },
  en: {
    registering: 'Registering',
    registered: 'To diagnose',
    diagnosed: 'To settle',
    presettled: 'Pre-settled',
    settling: 'Settling',
    reversing: 'Reversing',
    settled: 'Settled',
    refunding: 'Refunding',
    refunded: 'Refunded',
    cancelling: 'Cancelling',
    cancelled: 'Cancelled',
    failed: 'Registration failed',
  },
}

export const VISIT_ACTIONS = ['diagnose', 'addFee', 'deleteFee', 'uploadFees', 'presettle', 'settle', 'refund', 'cancel'] as const
export type VisitAction = (typeof VISIT_ACTIONS)[number]

export const VISIT_ACTION_WORDS: Record<'zh-CN' | 'en', Record<VisitAction, string>> = {
  'zh-CN': {
    diagnose: '登记诊断',
    addFee: '增加费用',
    deleteFee: '删除费用',
    uploadFees: '上传费用',
    presettle: '预结算',
    settle: '结算（请先预结算）',
    refund: '退费',
    cancel: '取消',
  },
  en: {
    diagnose: 'record the diagnosis',
    addFee: 'add a fee',
    deleteFee: 'delete a fee',
    uploadFees: 'upload the fees',
    presettle: 'pre-settle',
    settle: 'settle (pre-settle first)',
    refund: 'refund',
    cancel: 'cancel',
  },
}
