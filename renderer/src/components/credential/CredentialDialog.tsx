import { useState } from 'react'
import type { CallInput } from '../../../../shared/contract'
import { Dialog } from '../Dialog'
import { useCredentialMessages } from './messages'

export type CredentialInput = CallInput<'identifyMember'>
type Kind = 'qr' | 'idCard' | 'socialCard'

const KIND_KEYS: Record<Kind, 'F1' | 'F2' | 'F3'> = { qr: 'F1', idCard: 'F2', socialCard: 'F3' }

/**
 * Which credential the customer shows, keyboard first: F1 医保码, F2 身份证 (02), F3 社保卡 (03), each with
 * its key shown; Enter identifies, Esc closes. The social-security card is read by the configured reader (F4,
 * the vendor plug-in answers its number and card_sn), or typed by a keyboard-wedge reader into both fields.
 */
export function CredentialDialog({ busy, onDone }: { busy: boolean; onDone: (input?: CredentialInput) => void }) {
  const m = useCredentialMessages()
  const [kind, setKind] = useState<Kind>('qr')
  const [qr, setQr] = useState('')
  const [idCard, setIdCard] = useState('')
  const [cardNo, setCardNo] = useState('')
  const [cardSn, setCardSn] = useState('')

  function submit() {
    if (kind === 'qr' && qr.trim()) return onDone(/^\d{17}[\dXx]$/.test(qr.trim()) ? { idCardNo: qr.trim() } : { qrCode: qr.trim() })
    if (kind === 'idCard' && idCard.trim()) return onDone({ idCardNo: idCard.trim() })
    // The core refuses a card without its card_sn in words; an empty form reads the card in the reader instead.
    if (kind === 'socialCard') return onDone(cardNo.trim() ? { socialCard: { cardNo: cardNo.trim(), cardSn: cardSn.trim() } } : { readCard: 'social-security' })
  }

  const keys = [
    ...(Object.keys(KIND_KEYS) as Kind[]).map((k) => ({ key: KIND_KEYS[k], action: () => setKind(k), disabled: busy })),
    { key: 'F4', action: () => onDone({ readCard: 'social-security' }), disabled: busy || kind !== 'socialCard' },
  ]

  return (
    <Dialog title={m('title')} busy={busy} onClose={() => onDone()} onSubmit={submit} keys={keys}>
      <div className="actions credential-kinds" role="tablist" aria-label={m('title')}>
        {(Object.keys(KIND_KEYS) as Kind[]).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={kind === k} onClick={() => setKind(k)}>
            <kbd>{KIND_KEYS[k]}</kbd> {m(k)}
          </button>
        ))}
      </div>
      {kind === 'qr' && (
        <>
          <p>{m('qrHint')}</p>
          <label>
            <span>{m('qrField')}</span>
            <input name="member-code" autoFocus autoComplete="off" value={qr} onChange={(e) => setQr(e.target.value)} />
          </label>
        </>
      )}
      {kind === 'idCard' && (
        <>
          <p>{m('idCardHint')}</p>
          <label>
            <span>{m('idCardField')}</span>
            <input name="member-id-card" autoFocus autoComplete="off" inputMode="numeric" value={idCard} onChange={(e) => setIdCard(e.target.value)} />
          </label>
        </>
      )}
      {kind === 'socialCard' && (
        <>
          <p>{m('socialCardHint')}</p>
          <label>
            <span>{m('cardNoField')}</span>
            <input name="member-card-no" autoFocus autoComplete="off" value={cardNo} onChange={(e) => setCardNo(e.target.value)} />
          </label>
          <label>
            <span>{m('cardSnField')}</span>
            <input name="member-card-sn" autoComplete="off" value={cardSn} onChange={(e) => setCardSn(e.target.value)} />
          </label>
          <div className="actions">
            <button type="button" name="read-card" disabled={busy} onClick={() => onDone({ readCard: 'social-security' })}>
              <kbd>F4</kbd> {m('readCard')}
            </button>
          </div>
        </>
      )}
      {busy && <p aria-busy="true">{m('identifying')}</p>}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {m('confirm')} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={() => onDone()}>
          {m('cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </Dialog>
  )
}
