import { useState, type FormEvent } from 'react'
import { z } from 'zod'
import { FunctionKeyBar, type FunctionKey } from '../components/FunctionKeys'
import { cstDateTime } from '../i18n/beijing-time'
import { hqCall } from './api'
import { HqError } from './HqError'
import { useHqMessages } from './messages'
import { useHqCall } from './use-hq-call'

const codeSchema = z.object({ code: z.string(), expires_at: z.string() })

/** 门店配对: the admin registers a store (institution code, name, region) and gets its one-time pairing code. */
export function PairingView({ appKeys }: { appKeys: FunctionKey[] }) {
  const m = useHqMessages()
  const [storeId, setStoreId] = useState('')
  const [name, setName] = useState('')
  const [admdvs, setAdmdvs] = useState('')
  const [issued, setIssued] = useState<z.infer<typeof codeSchema>>()
  const { busy, error, run } = useHqCall()
  const submit = async (e?: FormEvent) => {
    e?.preventDefault()
    setIssued(undefined)
    const r = await run(() => hqCall('pairing-codes', { store_id: storeId.trim(), name: name.trim(), admdvs: admdvs.trim() }, codeSchema))
    if (r) setIssued(r)
  }
  return (
    <section className="workspace" aria-label={m('tabPairing')}>
      <FunctionKeyBar keys={appKeys} />
      <div className="workspace-body hq-body">
        <form className="card form hq-pairing" onSubmit={(e) => void submit(e)} aria-label={m('tabPairing')}>
          <p className="muted">{m('pairingHint')}</p>
          <label>
            {m('storeId')}
            <input autoFocus value={storeId} onChange={(e) => setStoreId(e.target.value.toUpperCase())} maxLength={12} />
          </label>
          <label>
            {m('storeName')}
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          </label>
          <label>
            {m('admdvs')}
            <input value={admdvs} inputMode="numeric" onChange={(e) => setAdmdvs(e.target.value)} maxLength={6} />
          </label>
          <HqError error={error} />
          {issued && (
            <p className="notice notice-ok" role="status" data-testid="pairing-code">
              {m('pairingCode', { code: issued.code, until: cstDateTime(issued.expires_at) })}
            </p>
          )}
          <div className="actions">
            <button type="submit" disabled={busy || !storeId || !name || !admdvs}>
              {m('issueCode')}
            </button>
          </div>
        </form>
      </div>
    </section>
  )
}
