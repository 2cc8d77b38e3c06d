import { Suspense, useCallback, useEffect, useMemo, useState } from 'react'
import type { CallOutput, Session, Settings } from '../../shared/contract'
import { terminalNoInUse, terminalNoText } from '../../shared/contract/terminal-no'
import { pos } from './api/pos'
import { ErrorNotice, toShownError, type ShownError } from './components/ErrorNotice'
import { ActiveContext } from './components/FunctionKeys'
import { KeyScope, useKeyScope } from './components/keys/KeyScope'
import { ConfirmDialog } from './components/ConfirmDialog'
import { ConnectivityBanner } from './components/ConnectivityBanner'
import { LocaleContext, translator } from './i18n'
import { LoginScreen } from './shell/LoginScreen'
import { useShellMessages } from './shell/messages'
import { UnsavedWorkContext } from './shell/unsaved-work'
import { useIdleLock } from './shell/use-idle-lock'
import { WORKSPACES } from './workspaces'

type AppInfo = CallOutput<'appInfo'>

export function App() {
  const [info, setInfo] = useState<AppInfo>()
  const [settings, setSettings] = useState<Settings>()
  const [session, setSession] = useState<Session>()
  const [error, setError] = useState<ShownError>()

  useEffect(() => {
    Promise.all([pos.appInfo({}), pos.getSettings({}), pos.sessionInfo({})])
      .then(([i, s, se]) => {
        setInfo(i)
        setSettings(s)
        setSession(se)
        // End-to-end tests wait for this instead of sleeping.
        document.body.dataset.appReady = 'true'
      })
      .catch((e: unknown) => setError(toShownError(e)))
    const offSettings = pos.on('settingsChanged', ({ settings: s }) => setSettings(s))
    const offSession = pos.on('sessionChanged', ({ session: s }) => setSession(s))
    return () => {
      offSettings()
      offSession()
    }
  }, [])

  const locale = settings?.locale ?? 'zh-CN'
  const t = useMemo(() => translator(locale), [locale])
  useEffect(() => {
    document.documentElement.lang = locale
    document.title = t('app.name')
  }, [locale, t])

  return (
    <LocaleContext.Provider value={locale}>
      <KeyScope>
        {!info || !settings || !session ? (
          <div className="app">
            <main className="content">{error ? <ErrorNotice error={error} /> : <p aria-busy="true">{t('app.loading')}</p>}</main>
          </div>
        ) : (
          <Signed info={info} settings={settings} session={session} onSession={setSession} />
        )}
      </KeyScope>
    </LocaleContext.Provider>
  )
}

function Signed({ info, settings, session, onSession }: { info: AppInfo; settings: Settings; session: Session; onSession: (s: Session) => void }) {
  const t = translator(settings.locale)
  const m = useShellMessages()
  const user = session.user
  const open = user && !session.locked
  const allowed = useMemo(() => (user ? WORKSPACES.filter((w) => w.roles.includes(user.role)) : []), [user])
  const [current, setCurrent] = useState<string>()
  const shown = allowed.find((w) => w.id === current) ?? allowed[0]
  // Workspaces stay mounted once opened, so a cart survives a look at another tab. They are kept per
  // user: one who signs out takes theirs along, but when a manager signs in over a locked screen the
  // cashier's stay mounted, hidden, and the sale is there when the cashier signs in again.
  // (Derived while rendering, as React advises for state that follows props.)
  const [opened, setOpened] = useState<Record<string, string[]>>({})
  const [last, setLast] = useState<{ id: string | undefined; locked: boolean }>({ id: undefined, locked: false })
  let held = opened
  if (last.id !== user?.id || last.locked !== session.locked) {
    if (last.id && last.id !== user?.id && !last.locked) held = Object.fromEntries(Object.entries(opened).filter(([owner]) => owner !== last.id))
    setLast({ id: user?.id, locked: session.locked })
  }
  const visited = (user && held[user.id]) || []
  if (user && shown && !visited.includes(shown.id)) held = { ...held, [user.id]: [...visited, shown.id] }
  if (held !== opened) setOpened(held)
  const [logoutError, setLogoutError] = useState<ShownError>()
  // Which of the mounted workspaces hold work a sign-out would lose, by `owner:workspace`.
  const [unsaved, setUnsaved] = useState<Record<string, boolean>>({})
  const reportUnsaved = useCallback((key: string, v: boolean) => setUnsaved((u) => (Boolean(u[key]) === v ? u : { ...u, [key]: v })), [])
  const [confirmLogout, setConfirmLogout] = useState(false)
  // Signing out with a sale on the screen asks first (counter-review B4); the user's own work only.
  const askLogout = () => (Object.entries(unsaved).some(([key, v]) => v && key.startsWith(`${user?.id}:`)) ? setConfirmLogout(true) : logout())
  const logout = () =>
    void pos.logout({}).then(
      (s) => {
        setLogoutError(undefined)
        onSession(s)
      },
      (e: unknown) => setLogoutError(toShownError(e)),
    )

  // The screens are fetched while the login is on screen, not after the PIN: once the login has been drawn
  // (the frame after this commit) and the page is idle, so they never delay that first draw.
  useEffect(() => {
    let idle = 0
    const frame = requestAnimationFrame(() => (idle = requestIdleCallback(() => WORKSPACES.forEach((w) => w.preload()))))
    return () => {
      cancelAnimationFrame(frame)
      cancelIdleCallback(idle)
    }
  }, [])

  const toggleLocale = useCallback(() => void pos.setLocale({ locale: settings.locale === 'zh-CN' ? 'en' : 'zh-CN' }), [settings.locale])
  const lock = useCallback(() => void pos.lockSession({}).then(onSession, () => undefined), [onSession])
  useIdleLock(Boolean(open), session.idleLockMinutes, lock)

  // The shell's keys sit beneath every screen and dialog, and no dialog switches them off.
  useKeyScope(
    [
      { key: 'F12', action: toggleLocale },
      { key: 'F11', action: lock, disabled: !open },
      ...allowed.slice(0, 9).map((w, i) => ({ key: `Alt+${i + 1}`, action: () => setCurrent(w.id), disabled: !open })),
    ],
    { layer: 'shell' },
  )

  return (
    <div className="app">
      <header className="topbar">
        <h1>{t('app.name')}</h1>
        {/* Names are data, never translated: the English-mode checks skip what is marked so. */}
        <span className="store" data-testid="store-name" translate="no">
          {settings.fixmedinsName}
        </span>
        <span>
          {t('app.terminal')} {settings.terminalId}
        </span>
        <CounterNo settings={settings} />
        {settings.trainingMode && (
          <span className="badge badge-training" title={t('app.trainingHint')}>
            {t('app.training')}
          </span>
        )}
        {open && (
          <nav className="tabs" aria-label="workspaces">
            {allowed.map((w, i) => (
              <button key={w.id} type="button" className="tab" aria-current={w.id === shown?.id ? 'page' : undefined} onClick={() => setCurrent(w.id)}>
                {w.label[settings.locale]} <kbd>Alt+{i + 1}</kbd>
              </button>
            ))}
          </nav>
        )}
        <span className="topbar-end">
          {user && <SignedInAs name={user.name} words={m('signedInAs', { role: m(`role_${user.role}`) })} />}
          {open && (
            <button type="button" className="topbar-button" onClick={lock}>
              {m('lock')} <kbd>F11</kbd>
            </button>
          )}
          {open && (
            <button type="button" className="topbar-button" onClick={askLogout}>
              {m('logout')}
            </button>
          )}
          <button type="button" className="topbar-button" onClick={toggleLocale}>
            {/* The other language's own name, in its own language. */}
            <span lang={settings.locale === 'en' ? 'zh-CN' : 'en'} translate="no">
              {t('keys.language')}
            </span>{' '}
            <kbd>F12</kbd>
          </button>
        </span>
      </header>
      <div className="app-status">{open && <ConnectivityBanner />}</div>
      <main className="content">
        {!open && <LoginScreen key={`${user?.id ?? ''}-${session.locked}`} session={session} onSession={onSession} />}
        {open && <ErrorNotice error={logoutError} />}
        {Object.entries(held).flatMap(([owner, ids]) =>
          WORKSPACES.filter((w) => ids.includes(w.id)).map((w) => {
            const mine = owner === user?.id
            const active = Boolean(open) && mine && w.id === shown?.id
            return (
              <ActiveContext.Provider key={`${owner}:${w.id}`} value={active}>
                <UnsavedWorkContext.Provider value={{ key: `${owner}:${w.id}`, report: reportUnsaved }}>
                  <section className="workspace-host" hidden={!active} data-workspace={mine ? w.id : undefined} data-held-workspace={mine ? undefined : w.id}>
                    <Suspense fallback={<p aria-busy="true">{t('app.loading')}</p>}>{w.render({ session, settings, info })}</Suspense>
                  </section>
                </UnsavedWorkContext.Provider>
              </ActiveContext.Provider>
            )
          }),
        )}
      </main>
      {confirmLogout && (
        <ConfirmDialog
          title={m('logout')}
          onCancel={() => setConfirmLogout(false)}
          onConfirm={() => {
            setConfirmLogout(false)
            logout()
          }}
        >
          <p>{m('logoutUnsaved')}</p>
        </ConfirmDialog>
      )}
    </div>
  )
}

/** The counter's number on every screen: it is what keeps this counter's msgids apart from the others'. */
function CounterNo({ settings }: { settings: Settings }) {
  const m = useShellMessages()
  const { no, assigned } = terminalNoInUse(settings)
  // Training needs no number (its platform is this PC's own); a live counter without one is a warning.
  if (assigned || settings.trainingMode) {
    return (
      <span data-testid="counter-no" title={assigned ? undefined : m('counterNoUnsetHint', { no: terminalNoText(no) })}>
        {m('counterNo', { no: terminalNoText(no) })}
      </span>
    )
  }
  return (
    <span className="badge badge-warn" data-testid="counter-no" title={m('counterNoUnsetHint', { no: terminalNoText(no) })}>
      {m('counterNoUnset')}
    </span>
  )
}

/** Who is signed in: the template's {name} is the user's name, kept apart as a name (never translated). */
function SignedInAs({ name, words }: { name: string; words: string }) {
  const [before, after = ''] = words.split('{name}')
  return (
    <span data-testid="signed-in-user">
      {before}
      <span translate="no">{name}</span>
      {after}
    </span>
  )
}
