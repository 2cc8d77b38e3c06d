import { useEffect, useState } from 'react'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError, OkNotice } from '../../components/ErrorNotice'
import { defineMessages } from '../../i18n'

const useM = defineMessages(
  {
    title: '离线收款方式',
    mode: '离线时的医保销售',
    deposit: '押金模式（默认）：顾客先付全款，平台结算后退还医保部分',
    advance: '垫付模式：顾客只付预估现金部分，门店垫付其余（受以下限额约束）',
    perSale: '单笔垫付上限（元）',
    outstanding: '未结垫付总额上限（元）',
    maxAge: '离线销售最长时限（小时）',
    save: '保存',
    saved: '已保存：{mode}',
  },
  {
    title: 'Offline payment',
    mode: 'Insured sales while offline',
    deposit: 'Deposit (default): the customer pays in full; the insured part is refunded after settlement',
    advance: 'Advance: the customer pays the estimated cash part; the store advances the rest (within the limits below)',
    perSale: 'Advance per sale (yuan)',
    outstanding: 'Total outstanding advances (yuan)',
    maxAge: 'Longest an offline sale may wait (hours)',
    save: 'Save',
    saved: 'Saved: {mode}',
  },
)

/** Domain rule 5: deposit mode unless a manager opts into advance mode, with its three limits. */
export function OfflineSettingsForm() {
  const m = useM()
  const [draft, setDraft] = useState<{ mode: 'deposit' | 'advance'; perSale: string; outstanding: string; maxAgeHours: string }>()
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()
  useEffect(() => {
    pos.offlineSettings({}).then(
      (s) => setDraft({ ...s, maxAgeHours: String(s.maxAgeHours) }),
      (e: unknown) => setError(toShownError(e)),
    )
  }, [])
  if (!draft) return <ErrorNotice error={error} />
  async function save() {
    if (!draft) return
    setError(undefined)
    try {
      const s = await pos.setOfflineSettings({
        mode: draft.mode,
        perSale: draft.perSale,
        outstanding: draft.outstanding,
        maxAgeHours: Number(draft.maxAgeHours),
      })
      setDraft({ ...s, maxAgeHours: String(s.maxAgeHours) })
      setNotice(m('saved', { mode: s.mode === 'advance' ? m('advance') : m('deposit') }))
    } catch (e) {
      setError(toShownError(e))
    }
  }
  return (
    <form
      className="card form"
      aria-label={m('title')}
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h2>{m('title')}</h2>
      <fieldset>
        <legend>{m('mode')}</legend>
        {(['deposit', 'advance'] as const).map((mode) => (
          <label key={mode} className="radio">
            <input type="radio" name="offline-mode" value={mode} checked={draft.mode === mode} onChange={() => setDraft({ ...draft, mode })} />
            <span>{m(mode)}</span>
          </label>
        ))}
      </fieldset>
      <label>
        <span>{m('perSale')}</span>
        <input name="per-sale" inputMode="decimal" value={draft.perSale} onChange={(e) => setDraft({ ...draft, perSale: e.target.value.trim() })} />
      </label>
      <label>
        <span>{m('outstanding')}</span>
        <input name="outstanding" inputMode="decimal" value={draft.outstanding} onChange={(e) => setDraft({ ...draft, outstanding: e.target.value.trim() })} />
      </label>
      <label>
        <span>{m('maxAge')}</span>
        <input name="max-age" inputMode="numeric" value={draft.maxAgeHours} onChange={(e) => setDraft({ ...draft, maxAgeHours: e.target.value.trim() })} />
      </label>
      <ErrorNotice error={error} />
      <OkNotice text={notice} />
      <div className="actions">
        <button type="submit">{m('save')}</button>
      </div>
    </form>
  )
}
