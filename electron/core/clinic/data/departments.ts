/**
 * The demo clinic's departments and doctors (郑州市二七区仁和社区卫生服务站). `caty` is the national
 * department code (科别, 诊疗科目: A02 全科医疗科, A03 内科, A07 儿科, A50 中医科...). A live clinic
 * keeps the same shape; doctor codes are the national practitioner codes the platform knows them by.
 */
export const CLINIC_DEPARTMENTS = [
  { code: 'QK01', name: '全科诊室', caty: 'A02' },
  { code: 'NK01', name: '内科诊室', caty: 'A03' },
  { code: 'EK01', name: '儿科诊室', caty: 'A07' },
  { code: 'ZY01', name: '中医诊室', caty: 'A50' },
  { code: 'JZ01', name: '急诊', caty: 'A20' },
] as const

export const CLINIC_DOCTORS = [
  { code: 'D410103000101', name: '赵敏', deptCode: 'QK01', title: '主治医师' },
  { code: 'D410103000102', name: '孙立平', deptCode: 'NK01', title: '副主任医师' },
  { code: 'D410103000103', name: '周红', deptCode: 'EK01', title: '主治医师' },
  { code: 'D410103000104', name: '郑国华', deptCode: 'ZY01', title: '主任医师' },
  { code: 'D410103000105', name: '钱进', deptCode: 'JZ01', title: '住院医师' },
] as const
