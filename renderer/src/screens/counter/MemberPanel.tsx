import type { MemberView } from '../../../../shared/contract/sale/schemas'
import { useCounterMessages } from './messages'

export function MemberPanel({ member, acctUsed, mulaidId }: { member?: MemberView; acctUsed: boolean; mulaidId?: string }) {
  const m = useCounterMessages()
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
        {m('memberTitle')} <strong className="member-name">{member.nameMasked}</strong>{' '}
        <small>{m('memberAge', { gender: member.gender, age: member.age })}</small>
      </h3>
      <p>
        {member.insutypeName} · {member.psnTypeName} · {member.insuplcAdmdvs}
        {member.crossProvince && <span className="tag tag-warn">{m('crossProvince')}</span>}
        <br />
        <small className="muted">
          {member.certNoMasked} · {m('memberExpires', { time: new Date(member.expiresAt).toLocaleTimeString() })}
        </small>
      </p>
      <p>
        <kbd>F6</kbd> {m('useAccount')}：<strong>{acctUsed ? '✓' : '✗'}</strong>（{m('accountBalance')} ¥{member.accountBalance}）
      </p>
      <div>
        <kbd>F7</kbd> {m('quotas')}
        <ul className="quotas">
          <li aria-selected={!mulaidId}>{m('noQuota')}</li>
          {member.quotas.map((q) => (
            <li key={q.mulaidId} aria-selected={q.mulaidId === mulaidId} data-quota={q.mulaidId}>
              {m('quotaLine', { relation: q.relationName, payer: q.payerNameMasked, region: q.payerRegion, amount: q.remaining })}
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}
