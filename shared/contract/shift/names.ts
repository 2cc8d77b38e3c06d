export const SHIFT_CALLS = [
  'currentShift',
  'openShift',
  'shiftCashMove',
  'shiftXReport',
  'printShiftReport',
  'closeShift',
  'listShifts',
  'counterDayStatus',
  'issueSupplementaryZ',
  'printSupplementaryZ',
  'supplementaryZs',
] as const
export const SHIFT_EVENTS = ['shiftChanged'] as const
