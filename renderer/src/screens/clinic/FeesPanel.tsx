import { useCallback } from 'react'
import { CLASS_LABELS } from '../../../../shared/catalog/schemas'
import type { VisitView } from '../../../../shared/contract/clinic/schemas'
import { yuan } from '../../../../shared/money/money'
import { pos } from '../../api/pos'
import { useCodeWords } from '../../i18n/codes'
import { useClinicMessages } from './messages'
import { SearchPicker } from './SearchPicker'
import type { ClinicVisit } from './use-clinic-visit'

/** The visit's fee lines (prescriptions, treatment, materials), with what the platform said of each once uploaded. */
export function FeesPanel({ c, visit }: { c: ClinicVisit; visit: VisitView }) {
  const m = useClinicMessages()
  const searchItems = useCallback((q: string) => pos.clinicSearchItems({ query: q }), [])
  return (
    <section className="clinic-panel" aria-label={m('feesTitle')}>
      <h3>{m('feesTitle')}</h3>
      {c.canFees && (
        <SearchPicker
          label={m('feeSearch')}
          placeholder={m('feePlaceholder')}
          search={searchItems}
          inputRef={c.feeRef}
          keyOf={(i) => `${i.source}:${i.code}`}
          render={(i) => (
            <>
              <span>
                {i.name} <small className="muted">{i.spec}</small>
              </span>
              <span className="small">
                {i.source === 'price_list' ? m('priceList') : m('catalog')} {i.classLabel ?? ''} ¥{i.price}/{i.unit}
              </span>
            </>
          )}
          onPick={(i) => void c.addFee(i)}
          extra={<input className="qty" aria-label={m('qty')} value={c.qty} onChange={(e) => c.setQty(e.target.value)} />}
        />
      )}
      <table className="grid" aria-label={m('feesTitle')}>
        <thead>
          <tr>
            <th>{m('colItem')}</th>
            <th className="num">{m('colQty')}</th>
            <th className="num">{m('colPrice')}</th>
            <th className="num">{m('colAmount')}</th>
            <th>{m('colState')}</th>
            <th>{m('colPlatform')}</th>
          </tr>
        </thead>
        <tbody>
          {visit.lines.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {visit.stage === 'refunded' || visit.stage === 'cancelled' ? m('noFeesClosed') : m('noFees')}
              </td>
            </tr>
          )}
          {visit.lines.map((l) => (
            <tr key={l.seq} className={c.selLine === l.seq ? 'selected' : undefined} onClick={() => c.setSelLine(l.seq)} data-line={l.seq}>
              <td>
                {l.name} <small className="muted">{l.spec}</small>
              </td>
              <td className="num">
                {l.qty}
                {l.unit}
              </td>
              <td className="num">{l.price}</td>
              <td className="num">{l.amount}</td>
              <td>{m(l.state)}</td>
              <td className="small">{l.platform && <PlatformFacts platform={l.platform} />}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>{m('medical')}</td>
            <td className="num" data-testid="visit-total">
              {visit.total}
            </td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </section>
  )
}

function PlatformFacts({ platform }: { platform: NonNullable<VisitView['lines'][number]['platform']> }) {
  const m = useClinicMessages()
  const w = useCodeWords()
  return (
    <span className="facts-inline">
      <span className="tag">{w.classLabel(CLASS_LABELS[platform.chrgitmLv as keyof typeof CLASS_LABELS] ?? platform.chrgitmLv)}</span>
      {platform.selfpayProp !== '0.00' && <span>{m('selfpay', { p: yuan(platform.selfpayProp).times(100).toFixed(0) })}</span>}
      {platform.fullOwnPay !== '0.00' && <span>{m('fullOwn', { n: platform.fullOwnPay })}</span>}
      {platform.preSelfPay !== '0.00' && <span>{m('preSelf', { n: platform.preSelfPay })}</span>}
      <span>{m('inScope', { n: platform.inScope })}</span>
    </span>
  )
}
