import { useCallback } from 'react'
import { defineMessages } from '../../i18n'

/**
 * An audit entry's or a reconciliation action's detail in words for a manager, not as the JSON it is kept in
 * (counter-review B21): known fields by name, yes/no for flags, long identifiers and hashes shortened.
 */
const useWords = defineMessages(
  {
    yes: '是',
    no: '否',
    sep: '；',
    colon: '：',
    run: '对账批次',
    training: '培训',
    fingerprint: '指纹',
    msgid: '报文号',
    reason: '原因',
    why: '说明',
    amount: '金额',
    extra: '补收',
    discount: '折扣',
    requestedBy: '申请人',
    kind: '类别',
    items: '条目',
    before: '原值',
    note: '备注',
    lines: '行数',
    medfee: '医疗费',
    goods: '自费商品',
    infno: '交易',
    outTradeNo: '支付单号',
    outRefundNo: '退款单号',
    terminalNo: '终端号',
    supplier: '供应商',
    cashier: '收银员',
    counted: '点钞',
    name: '名称',
    medType: '医疗类别',
    action: '操作',
    result: '结果',
    differences: '差异数',
    seq: '序号',
    status: '状态',
    complete: '已齐全',
    approvedBy: '批准人',
  },
  {
    yes: 'yes',
    no: 'no',
    sep: '; ',
    colon: ': ',
    run: 'Reconciliation run',
    training: 'Training',
    fingerprint: 'Fingerprint',
    msgid: 'Message',
    reason: 'Reason',
    why: 'Why',
    amount: 'Amount',
    extra: 'Collected',
    discount: 'Discount',
    requestedBy: 'Requested by',
    kind: 'Kind',
    items: 'Items',
    before: 'Before',
    note: 'Note',
    lines: 'Lines',
    medfee: 'Medical fees',
    goods: 'Goods',
    infno: 'Transaction',
    outTradeNo: 'Payment no.',
    outRefundNo: 'Refund no.',
    terminalNo: 'Terminal',
    supplier: 'Supplier',
    cashier: 'Cashier',
    counted: 'Counted',
    name: 'Name',
    medType: 'Medical type',
    action: 'Action',
    result: 'Result',
    differences: 'Differences',
    seq: 'No.',
    status: 'Status',
    complete: 'Complete',
    approvedBy: 'Approved by',
  },
)

type Words = ReturnType<typeof useWords>
type Key = Parameters<Words>[0]

/** Hashes, UUIDs and other long codes: their head is what a person compares. */
const LONG_CODE = /^[0-9a-f-]{16,}$/i

function valueText(v: unknown, w: Words): string {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'boolean') return w(v ? 'yes' : 'no')
  if (typeof v === 'string') return LONG_CODE.test(v) ? `${v.slice(0, 8)}…` : v
  if (typeof v === 'number') return String(v)
  if (Array.isArray(v)) return v.length <= 3 && v.every((x) => typeof x !== 'object') ? v.map((x) => valueText(x, w)).join('、') : `×${v.length}`
  return `（${partsText(v as Record<string, unknown>, w)}）`
}

function partsText(o: Record<string, unknown>, w: Words): string {
  return (
    Object.entries(o)
      // A field without a word of its own keeps its name (w answers undefined for it).
      .map(([k, v]) => `${w(k as Key) ?? k}${w('colon')}${valueText(v, w)}`)
      .join(w('sep'))
  )
}

/** A hook answering the words for a detail, whether it comes as JSON text or as an object. */
export function useDetailWords(): (detail: unknown) => string {
  const w = useWords()
  return useCallback(
    (detail: unknown) => {
      let d = detail
      if (typeof d === 'string') {
        try {
          d = JSON.parse(d) as unknown
        } catch {
          return d as string
        }
      }
      return d !== null && typeof d === 'object' && !Array.isArray(d) ? partsText(d as Record<string, unknown>, w) : valueText(d, w)
    },
    [w],
  )
}
