import { useCallback, useEffect, useState } from 'react'
import { z } from 'zod'
import { hqUserSchema, type HqUser } from '../../../shared/contract/hq/page'
import type { FunctionKey } from '../components/FunctionKeys'
import { KeyScope } from '../components/keys/KeyScope'
import { LocaleContext, type Locale } from '../i18n'
import { hqCall, HqCallError } from './api'
import { BoardView } from './BoardView'
import { useHqMessages } from './messages'
import { PairingView } from './PairingView'
import { ReportsView } from './ReportsView'
import { SessionLostContext } from './session-lost'
import { SignIn } from './SignIn'

const meSchema = z.object({ user: hqUserSchema })
type Tab = 'board' | 'reports' | 'pairing'
const LOCALE_KEY = 'gongji-hq-locale'

function Workspace({ user, onSignOut, onLocale }: { user: HqUser; onSignOut: () => void; onLocale: () => void }) {
  const m = useHqMessages()
  const [tab, setTab] = useState<Tab>('board')
  const tabs: { id: Tab; key: string; label: string }[] = [
    { id: 'board', key: 'F1', label: m('tabBoard') },
    { id: 'reports', key: 'F2', label: m('tabReports') },
    ...(user.role === 'admin' ? [{ id: 'pairing' as const, key: 'F3', label: m('tabPairing') }] : []),
  ]
  const appKeys: FunctionKey[] = [
    ...tabs.map((t) => ({ key: t.key, label: t.label, action: () => setTab(t.id) })),
    { key: 'F10', label: m('language'), action: onLocale },
    { key: 'F12', label: m('signOut'), action: onSignOut },
  ]
  return (
    <div className="app">
      <header className="topbar">
        <h1>{m('title')}</h1>
        <nav className="tabs">
          {tabs.map((t) => (
            <button key={t.id} type="button" className="tab" aria-current={tab === t.id ? 'page' : undefined} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </nav>
        <span className="topbar-end" data-testid="hq-user">
          {user.name} · {user.role === 'admin' ? m('roleAdmin') : m('roleRegional', { regions: user.regions.join(', ') })}
        </span>
      </header>
      <div className="content">
        {tab === 'board' && <BoardView appKeys={appKeys} />}
        {tab === 'reports' && <ReportsView appKeys={appKeys} />}
        {tab === 'pairing' && <PairingView appKeys={appKeys} />}
      </div>
    </div>
  )
}

/** The head office's page: sign in, then the board, the consolidated reports and (for an admin) store pairing. */
export function HqApp() {
  const [locale, setLocale] = useState<Locale>(() => (localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN'))
  const [user, setUser] = useState<HqUser | null>()
  useEffect(() => {
    hqCall('me', {}, meSchema).then(
      (r) => setUser(r.user),
      () => setUser(null),
    )
  }, [])
  useEffect(() => {
    document.documentElement.lang = locale
    localStorage.setItem(LOCALE_KEY, locale)
  }, [locale])
  const lost = useCallback(() => setUser(null), [])
  const signOut = useCallback(() => {
    hqCall('sign-out', {}, z.unknown()).then(lost, (e: unknown) => (e instanceof HqCallError ? lost() : undefined))
  }, [lost])
  return (
    <LocaleContext.Provider value={locale}>
      <SessionLostContext.Provider value={lost}>
        <KeyScope>
          {user === undefined ? null : user === null ? (
            <SignIn onSignedIn={setUser} />
          ) : (
            <Workspace user={user} onSignOut={signOut} onLocale={() => setLocale((l) => (l === 'en' ? 'zh-CN' : 'en'))} />
          )}
        </KeyScope>
      </SessionLostContext.Provider>
    </LocaleContext.Provider>
  )
}
