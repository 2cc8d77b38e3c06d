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
      {member.insuranceChoice.active > 1 && (
        <p className="muted" data-testid="insurance-choice">
          {m(member.insuranceChoice.reason === 'employee' ? 'insuranceChoiceEmployee' : 'insuranceChoiceFirst', { n: member.insuranceChoice.active, insutype: member.insutypeName })}
        </p>
      )}
      {member.identities.length > 0 && (
        <p className="muted" data-testid="member-identities">
          {m('identities')}：{member.identities.map((i) => (i.level ? `${i.type}/${i.level}` : i.type)).join('、')}
        </p>
      )}
      {/* The picker only under the provincial extension (the core then lists quotas); nationally the platform draws them. */}
      {member.quotas.length > 0 ? (
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
      ) : (
        <p className="muted" data-testid="mutual-aid-by-platform">
          {m('mutualAidByPlatform')}
        </p>
      )}
    </section>
  )
}
