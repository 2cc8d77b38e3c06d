import type { MemberView, SaleView } from '../../../../shared/contract/sale/schemas'
import { useCodeWords } from '../../i18n/codes'
import { cstTime } from '../../i18n/beijing-time'
import { useCounterMessages } from './messages'

/**
 * The customer card. Once a sale is settled the card shows what is left after it (the settlement's
 * figures), never the figures read at identification next to the new ones (B7).
 */
export function MemberPanel({ member, acctUsed, mulaidId, settled }: { member?: MemberView; acctUsed: boolean; mulaidId?: string; settled?: SaleView }) {
  const m = useCounterMessages()
  const w = useCodeWords()
  const after = settled?.state === 'settled' ? settled.split : null
  if (!member) {
    return (
      <section className="panel member" aria-label={m('memberTitle')}>
        <h3>{m('memberTitle')}</h3>
        <p className="muted">{m('memberNone')}</p>
      </section>
    )
  }
  return (
    <section className="panel member" aria-label={m('memberTitle')} data-testid="member">
      <h3>
        {m('memberTitle')}{' '}
        <strong className="member-name" translate="no">
          {member.nameMasked}
        </strong>{' '}
        <small>{m('memberAge', { gender: w.gender(member.gender), age: member.age })}</small>
      </h3>
      <p>
        {w.insutype(member.insutype, member.insutypeName)} · {w.psnType(member.psnType, member.psnTypeName)} · {member.insuplcAdmdvs}
        {member.crossProvince && <span className="tag tag-warn">{m('crossProvince')}</span>}
        <br />
        <small className="muted">
          {member.certNoMasked} · {m('memberExpires', { time: cstTime(member.expiresAt) })}
        </small>
      </p>
      <p>
        <kbd>F6</kbd> {m('useAccount')}
        {w.colon}
        <strong>{acctUsed ? '✓' : '✗'}</strong>
        {w.paren(`${m('accountBalance')} ¥${(settled?.acctUsed && after?.accountBalance) || member.accountBalance}`)}
      </p>
      {member.insuranceChoice.active > 1 && (
        <p className="muted" data-testid="insurance-choice">
          {m(member.insuranceChoice.reason === 'employee' ? 'insuranceChoiceEmployee' : 'insuranceChoiceFirst', {
            n: member.insuranceChoice.active,
            insutype: member.insutypeName,
          })}
        </p>
      )}
      {member.identities.length > 0 && (
        <p className="muted" data-testid="member-identities">
          {m('identitiesLine', { list: member.identities.map((i) => (i.level ? `${i.type}/${i.level}` : i.type)).join(m('listSep')) })}
        </p>
      )}
      {/* The picker only under the provincial extension (the core then lists quotas); nationally the platform draws them. */}
      {member.quotas.length > 0 ? (
        <div>
          <kbd>F7</kbd> {m('useQuota')}
          {w.colon}
          <strong data-testid="quota-used">{mulaidId ? '✓' : '✗'}</strong>
          <ul className="quotas">
            <li aria-selected={!mulaidId}>{m('noQuota')}</li>
            {member.quotas.map((q) => (
              <li key={q.mulaidId} aria-selected={q.mulaidId === mulaidId} data-quota={q.mulaidId}>
                {m('quotaLine', {
                  relation: w.relation(q.relation, q.relationName),
                  payer: q.payerNameMasked,
                  region: q.payerRegion,
                  amount: (q.mulaidId === settled?.mulaidId && after?.quotaLeft) || q.remaining,
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted" data-testid="mutual-aid-by-platform">
          {m('mutualAidByPlatform')}
        </p>
      )}
    </section>
  )
}
