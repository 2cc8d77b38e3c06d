import { useMemo, useState } from 'react'
import { OkNotice } from '../../components/ErrorNotice'
import { FunctionKeyBar, type FunctionKey } from '../../components/FunctionKeys'
import { useT } from '../../i18n'
import type { WorkspaceProps } from '../../shell/workspace'
import { CredentialSourcePanel } from './CredentialSourcePanel'
import { GatewayPanel } from './GatewayPanel'
import { StoreNodePanel } from './StoreNodePanel'
import { SettingsForm, TerminalInfo } from './TerminalScreen'
import { UsersPanel } from './UsersPanel'
import { PublishedNotice } from './PublishedNotice'
import { usePublish } from './useStoreMode'

export function SettingsScreen({ info, settings, session }: WorkspaceProps) {
  const t = useT()
  const [editing, setEditing] = useState(false)
  const [notice, setNotice] = useState<string>()
  // The settings form closes when saved; the change it published is followed here until this counter applied it.
  const { published, publish } = usePublish()
  const keys: FunctionKey[] = useMemo(() => [{ key: 'F9', label: t('keys.settings'), action: () => setEditing(true), disabled: editing }], [t, editing])
  return (
    <div className="workspace">
      <div className="workspace-body">
        <OkNotice text={notice} />
        <PublishedNotice published={published} />
        {editing ? (
          <SettingsForm
            settings={settings}
            publish={publish}
            onDone={(saved) => {
              setEditing(false)
              if (saved) setNotice(t('settings.saved'))
            }}
          />
        ) : (
          <TerminalInfo info={info} settings={settings} />
        )}
        <GatewayPanel settings={settings} />
        <CredentialSourcePanel settings={settings} />
        <UsersPanel session={session} />
        <StoreNodePanel />
      </div>
      <FunctionKeyBar keys={keys} />
    </div>
  )
}
