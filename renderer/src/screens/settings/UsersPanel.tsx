import { useCallback, useEffect, useState } from 'react'
import type { Role, Session, User } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError, OkNotice } from '../../components/ErrorNotice'
import { useUsersMessages as useM } from './users-messages'
import { useOperatorMessages, useStoreModeMessages } from './messages'
import { userInput, type UserDraft } from '../../../../shared/contract/sync/master-inputs'
import { PublishedNotice } from './PublishedNotice'
import { useMasterDataMode, usePublish } from './useStoreMode'

const EMPTY: UserDraft = { id: '', name: '', role: 'cashier' as Role, active: true, pin: '', opterCode: '', opterName: '' }

/** The store's users: a manager adds cashiers, resets PINs and deactivates leavers (in store mode, for every counter). */
export function UsersPanel({ session }: { session: Session }) {
  const m = useM()
  const storeM = useStoreModeMessages()
  const mode = useMasterDataMode()
  const readOnly = mode === 'read-only'
  const om = useOperatorMessages()
  const [users, setUsers] = useState<User[]>([])
  const [draft, setDraft] = useState(EMPTY)
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()

  const load = useCallback(() => pos.listUsers({}).then(setUsers, (e: unknown) => setError(toShownError(e))), [])
  // A published user shows in the list once this counter's pull applied it.
  const { published, publish } = usePublish(() => void load())
  useEffect(() => {
    void load()
  }, [load, session.user?.id])

  async function save() {
    setError(undefined)
    setNotice(undefined)
    try {
      if (mode === 'publish') await publish({ kind: 'user', user: userInput(draft) })
      else setNotice(m('saved', { id: (await pos.saveUser(userInput(draft))).id }))
      setDraft(EMPTY)
      await load()
    } catch (e) {
      setError(toShownError(e))
    }
  }

  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">{m('title')}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th>{m('id')}</th>
            <th>{m('name')}</th>
            <th>{m('role')}</th>
            <th>{m('active')}</th>
            <th>{om('column')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.id}</td>
              <td>
                {u.name} {u.training && <small className="tag">{m('demo')}</small>} {u.lockedUntil && <small className="tag tag-warn">{m('locked')}</small>}
              </td>
              <td>{m(u.role)}</td>
              <td>{u.active ? '✓' : '—'}</td>
              <td>{u.nhsaOperator ? `${u.nhsaOperator.code} ${u.nhsaOperator.name}` : '—'}</td>
              <td>
                {!u.training && (
                  <button
                    type="button"
                    disabled={readOnly}
                    title={readOnly ? storeM('usersReadOnly') : undefined}
                    onClick={() =>
                      setDraft({
                        id: u.id,
                        name: u.name,
                        role: u.role,
                        active: u.active,
                        pin: '',
                        opterCode: u.nhsaOperator?.code ?? '',
                        opterName: u.nhsaOperator?.name ?? '',
                      })
                    }
                  >
                    {m('edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="form"
        aria-label={m('newUser')}
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        {readOnly && (
          <p className="notice" data-testid="master-read-only">
            {storeM('usersReadOnly')}
          </p>
        )}
        {mode === 'publish' && (
          <p className="notice" data-testid="master-publish">
            {storeM('usersPublish')}
          </p>
        )}
        <fieldset disabled={readOnly} style={{ border: 'none', padding: 0, margin: 0, display: 'contents' }}>
          <label>
            <span>{m('id')}</span>
            <input name="user-id" value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value.trim() })} />
          </label>
          <label>
            <span>{m('name')}</span>
            <input name="user-name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </label>
          <label>
            <span>{m('role')}</span>
            <select name="user-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
              {(['cashier', 'receptionist', 'manager'] as const).map((r) => (
                <option key={r} value={r}>
                  {m(r)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{m('active')}</span>
            <input name="user-active" type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />
          </label>
          <label>
            <span>{m('pin')}</span>
            <input
              name="user-pin"
              type="password"
              inputMode="numeric"
              placeholder={m('pinHint')}
              value={draft.pin}
              onChange={(e) => setDraft({ ...draft, pin: e.target.value })}
            />
          </label>
          <label>
            <span>{om('userCode')}</span>
            <input name="user-opter-code" autoComplete="off" value={draft.opterCode} onChange={(e) => setDraft({ ...draft, opterCode: e.target.value })} />
          </label>
          <label>
            <span>{om('userName')}</span>
            <input name="user-opter-name" autoComplete="off" value={draft.opterName} onChange={(e) => setDraft({ ...draft, opterName: e.target.value })} />
          </label>
          <p className="muted">{om('userHint')}</p>
          <ErrorNotice error={error} />
          <OkNotice text={notice} />
          <PublishedNotice published={published} />
          <div className="actions">
            <button type="submit">{m('save')}</button>
          </div>
        </fieldset>
      </form>
    </section>
  )
}
