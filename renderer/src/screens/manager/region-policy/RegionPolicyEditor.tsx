import { useCallback, useEffect, useState } from 'react'
import type { CallOutput } from '../../../../../shared/contract'
import { pos } from '../../../api/pos'
import { ErrorNotice, OkNotice, toShownError, type ShownError } from '../../../components/ErrorNotice'
import { PublishedNotice } from '../../settings/PublishedNotice'
import { useMasterDataMode, usePublish } from '../../settings/useStoreMode'
import { draftOf, emptyDraft, emptyRule, PSN_GROUPS, readDraft, type FieldProblem, type PolicyDraft, type RuleDraft } from './draft'
import { useRegionPolicyMessages } from './messages'

type Stored = CallOutput<'offlinePolicies'>[number]

/** A field's words beside it when the policy's schema refused it. */
function Problem({ id, problem }: { id: string; problem: FieldProblem | undefined }) {
  const m = useRegionPolicyMessages()
  if (!problem) return null
  return (
    <small className="field-error" role="alert" id={id} data-problem={problem}>
      {m(problem)}
    </small>
  )
}

/**
 * The insured regions' outpatient policies the offline estimate uses (异地政策): the list, and one region's policy
 * to add or edit. Keyboard first: Alt+N a new region, Alt+R another rule, Enter saves. In store mode a manager's
 * save publishes the policy to the store node for every counter; anyone else sees it read-only.
 */
export function RegionPolicyEditor() {
  const m = useRegionPolicyMessages()
  const mode = useMasterDataMode()
  const [list, setList] = useState<Stored[]>([])
  const [draft, setDraft] = useState<PolicyDraft>(emptyDraft)
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({})
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()
  const load = useCallback(
    () =>
      pos.offlinePolicies({}).then(
        (l) => setList(l),
        (e: unknown) => setError(toShownError(e)),
      ),
    [],
  )
  const { published, publish } = usePublish(() => void load())
  useEffect(() => {
    void load()
  }, [load])
  const readOnly = mode === 'read-only'
  const rule = (i: number, patch: Partial<RuleDraft>) => setDraft({ ...draft, rules: draft.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) })
  const fresh = () => {
    setDraft(emptyDraft())
    setProblems({})
    setNotice(undefined)
  }

  async function save() {
    setError(undefined)
    setNotice(undefined)
    const read = readDraft(draft)
    setProblems(read.problems ?? {})
    if (!read.policy) return
    try {
      if (mode === 'publish') return void (await publish({ kind: 'region_policy', policy: read.policy }))
      await pos.setOfflinePolicy(read.policy)
      setNotice(m('saved', { region: read.policy.admdvs }))
      await load()
    } catch (e) {
      setError(toShownError(e))
    }
  }

  const field = (key: string, label: string, value: string, set: (v: string) => void, inputMode: 'decimal' | 'numeric' | 'text' = 'decimal') => (
    <label>
      <span>{label}</span>
      <input
        name={key}
        inputMode={inputMode}
        value={value}
        aria-invalid={problems[key] ? true : undefined}
        aria-describedby={problems[key] ? `${key}-problem` : undefined}
        onChange={(e) => set(e.target.value)}
      />
      <Problem id={`${key}-problem`} problem={problems[key]} />
    </label>
  )

  return (
    <section className="card form" aria-label={m('title')} data-testid="region-policies">
      <h2>{m('title')}</h2>
      <p className="muted">{m('intro')}</p>
      {mode !== 'local' && (
        <p className="notice" data-testid={mode === 'publish' ? 'master-publish' : 'master-read-only'}>
          {m(mode === 'publish' ? 'storePublish' : 'storeReadOnly')}
        </p>
      )}
      <h3>{m('regions')}</h3>
      {list.length === 0 ? (
        <p className="muted">{m('none')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>{m('admdvs')}</th>
              <th>{m('name')}</th>
              <th>{m('rules')}</th>
              <th>{m('source')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.policy.admdvs} data-admdvs={p.policy.admdvs}>
                <td>{p.policy.admdvs}</td>
                <td>{p.policy.name ?? ''}</td>
                <td>{p.policy.rules.length}</td>
                <td>{m(p.source === 'training' ? 'sourceTraining' : 'sourceManager')}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => {
                      setDraft(draftOf(p.policy))
                      setProblems({})
                    }}
                  >
                    {m('edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        aria-label={m('rules')}
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
        onKeyDown={(e) => {
          if (!e.altKey || readOnly) return
          if (e.key === 'n' || e.key === 'N') {
            e.preventDefault()
            fresh()
          } else if (e.key === 'r' || e.key === 'R') {
            e.preventDefault()
            setDraft({ ...draft, rules: [...draft.rules, emptyRule()] })
          }
        }}
      >
        <fieldset disabled={readOnly}>
          {field('admdvs', m('admdvs'), draft.admdvs, (v) => setDraft({ ...draft, admdvs: v.trim() }), 'numeric')}
          {field('name', m('name'), draft.name, (v) => setDraft({ ...draft, name: v }), 'text')}
          <label className="check">
            <input type="checkbox" name="pooling" checked={draft.pooling} onChange={(e) => setDraft({ ...draft, pooling: e.target.checked })} />
            <span>{m('pooling')}</span>
          </label>
          <label className="check">
            <input type="checkbox" name="class-c" checked={draft.classC} onChange={(e) => setDraft({ ...draft, classC: e.target.checked })} />
            <span>{m('classC')}</span>
          </label>
          {draft.rules.map((r, i) => (
            <fieldset key={i} className="rule" data-rule={i}>
              <legend>
                {m('rules')} {i + 1}
              </legend>
              <label>
                <span>{m('psnGroup')}</span>
                <select name={`rules.${i}.psnGroup`} value={r.psnGroup} onChange={(e) => rule(i, { psnGroup: e.target.value as RuleDraft['psnGroup'] })}>
                  {PSN_GROUPS.map((g) => (
                    <option key={g} value={g}>
                      {m(g)}
                    </option>
                  ))}
                </select>
              </label>
              {field(`rules.${i}.medTypes`, m('medTypes'), r.medTypes, (v) => rule(i, { medTypes: v }), 'text')}
              {field(`rules.${i}.deductible`, m('deductible'), r.deductible, (v) => rule(i, { deductible: v }))}
              {field(`rules.${i}.ratio`, m('ratio'), r.ratio, (v) => rule(i, { ratio: v }))}
              {field(`rules.${i}.cap`, m('cap'), r.cap, (v) => rule(i, { cap: v }))}
              <button type="button" onClick={() => setDraft({ ...draft, rules: draft.rules.filter((_, j) => j !== i) })}>
                {m('removeRule')}
              </button>
            </fieldset>
          ))}
        </fieldset>
        <ErrorNotice error={error} />
        <OkNotice text={notice} />
        <PublishedNotice published={published} />
        <div className="actions">
          <button type="button" disabled={readOnly} onClick={fresh}>
            <kbd>Alt+N</kbd> {m('newRegion')}
          </button>
          <button type="button" disabled={readOnly} onClick={() => setDraft({ ...draft, rules: [...draft.rules, emptyRule()] })}>
            <kbd>Alt+R</kbd> {m('addRule')}
          </button>
          <button type="submit" disabled={readOnly}>
            <kbd>Enter</kbd> {m('save')}
          </button>
        </div>
      </form>
    </section>
  )
}
