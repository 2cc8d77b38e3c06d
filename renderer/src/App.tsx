import { useCallback, useEffect, useMemo, useState } from 'react'
import type { CallOutput, Settings } from '../../shared/contract'
import { pos } from './api/pos'
import { ErrorNotice, toShownError, type ShownError } from './components/ErrorNotice'
import { FunctionKeyBar, type FunctionKey } from './components/FunctionKeys'
import { I18nContext, translator } from './i18n'
import { SettingsForm, TerminalInfo } from './screens/TerminalScreen'

type AppInfo = CallOutput<'appInfo'>

export function App() {
  const [info, setInfo] = useState<AppInfo>()
  const [settings, setSettings] = useState<Settings>()
  const [error, setError] = useState<ShownError>()
  const [editing, setEditing] = useState(false)
  const [notice, setNotice] = useState<string>()

  useEffect(() => {
    Promise.all([pos.appInfo({}), pos.getSettings({})])
      .then(([i, s]) => {
        setInfo(i)
        setSettings(s)
        // End-to-end tests wait for this instead of sleeping.
        document.body.dataset.appReady = 'true'
      })
      .catch((e: unknown) => setError(toShownError(e)))
    return pos.on('settingsChanged', ({ settings: s }) => setSettings(s))
  }, [])

  const t = useMemo(() => translator(settings?.locale ?? 'zh-CN'), [settings?.locale])
  useEffect(() => {
    document.documentElement.lang = settings?.locale ?? 'zh-CN'
    document.title = t('app.name')
  }, [settings?.locale, t])

  const toggleLocale = useCallback(() => {
    if (!settings) return
    pos.updateSettings({ locale: settings.locale === 'zh-CN' ? 'en' : 'zh-CN' }).catch((e: unknown) => setError(toShownError(e)))
  }, [settings])

  const keys: FunctionKey[] = useMemo(
    () => [
      { key: 'F9', label: t('keys.settings'), action: () => setEditing(true), disabled: editing || !settings },
      { key: 'F12', label: t('keys.language'), action: toggleLocale, disabled: !settings },
    ],
    [t, editing, settings, toggleLocale],
  )

  return (
    <I18nContext.Provider value={t}>
      <div className="app">
        <header className="topbar">
          <h1>{t('app.name')}</h1>
          {settings && (
            <>
              <span className="store" data-testid="store-name">
                {settings.fixmedinsName}
              </span>
              <span>
                {t('app.terminal')} {settings.terminalId}
              </span>
              {settings.trainingMode && (
                <span className="badge badge-training" title={t('app.trainingHint')}>
                  {t('app.training')}
                </span>
              )}
            </>
          )}
        </header>
        <main className="content">
          <ErrorNotice error={error} />
          {notice && (
            <div className="notice notice-ok" role="status">
              {notice}
            </div>
          )}
          {!info || !settings ? (
            !error && <p aria-busy="true">{t('app.loading')}</p>
          ) : editing ? (
            <SettingsForm
              settings={settings}
              onDone={(saved) => {
                setEditing(false)
                if (saved) {
                  setSettings(saved)
                  setNotice(t('settings.saved'))
                }
              }}
            />
          ) : (
            <TerminalInfo info={info} settings={settings} />
          )}
        </main>
        <FunctionKeyBar keys={keys} />
      </div>
    </I18nContext.Provider>
  )
}
