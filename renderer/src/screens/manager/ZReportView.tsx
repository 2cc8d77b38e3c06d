import type { CallOutput } from '../../../../shared/contract'
import { usePunctuation } from '../../i18n/punctuation'
import { cstDateTime } from './format'
import { useManagerMessages } from './messages'

type Z = CallOutput<'zReport'>

/** The Z report as an A4 page: the print stylesheet shows only this block. */
export function ZReportView({ z }: { z: Z }) {
  const m = useManagerMessages()
  const p = usePunctuation()
  const r = z.report
  const row = (label: string, t: Z['report']['sales']) => (
    <tr key={label}>
      <th>{label}</th>
      <td className="num">{t.count}</td>
      <td className="num">{t.total}</td>
      <td className="num">{t.fund}</td>
      <td className="num">{t.account}</td>
      <td className="num">{t.mutualAid}</td>
      <td className="num">{t.hospital}</td>
      <td className="num">{t.cash}</td>
      <td className="num">{t.mobile}</td>
    </tr>
  )
  const head = (
    <tr>
      <th />
      <th>{m('count')}</th>
      <th>{m('total')}</th>
      <th>{m('fund')}</th>
      <th>{m('account')}</th>
      <th>{m('mutualAid')}</th>
      <th>{m('hospital')}</th>
      <th>{m('cash')}</th>
      <th>{m('mobile')}</th>
    </tr>
  )
  return (
    <article className="zreport" data-testid="z-report">
      <h1>
        {m('zTitle')} {r.day}
        {r.training ? p.paren(m('training')) : ''}
      </h1>
      <table>
        <tbody>
          <tr>
            <th>{m('zStore')}</th>
            <td>
              {z.store.fixmedinsName}
              {p.paren(z.store.fixmedinsCode)}
            </td>
            <th>{m('zClosedAt')}</th>
            <td>{cstDateTime(z.close.closedAt)}</td>
          </tr>
          <tr>
            <th>{m('zClosedBy')}</th>
            <td>{z.close.closedBy}</td>
            <th>{m('zRecon')}</th>
            <td>{z.close.reconStatus === 'agreed' ? m('reconAgreed') : m('zExplained')}</td>
          </tr>
        </tbody>
      </table>
      <table>
        <thead>{head}</thead>
        <tbody>
          {row(m('sales'), r.sales)}
          {row(m('refunds'), r.refunds)}
          {row(m('net'), r.net)}
        </tbody>
      </table>
      <table>
        <thead>{head}</thead>
        <tbody>{r.byInsurance.map((g) => row(g.label, g.net))}</tbody>
      </table>
      <table>
        <thead>{head}</thead>
        <tbody>
          {r.byCashier.map((g) => row(g.label, g.net))}
          {r.byTerminal.map((g) => row(`${m('terminal')} ${g.label}`, g.net))}
        </tbody>
      </table>
      {z.close.queueAcknowledged.length > 0 && (
        <p>
          {m('zAck')}
          {p.colon}
          {z.close.queueAcknowledged.map((q) => `${q.saleId.slice(0, 8)}${p.paren(q.state)}`).join(p.listSeparator)}
        </p>
      )}
      {z.close.offlineQueued > 0 && <p>{m('zOffline', { n: z.close.offlineQueued })}</p>}
      {z.close.note && (
        <p>
          {m('note')}
          {p.colon}
          {z.close.note}
        </p>
      )}
      <p className="hash">
        {m('zAudit')}
        {p.colon}
        {z.close.auditHead}
      </p>
    </article>
  )
}
