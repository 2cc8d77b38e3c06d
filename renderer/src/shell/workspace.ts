import type { ReactNode } from 'react'
import type { CallOutput, Role, Session, Settings } from '../../../shared/contract'

export interface WorkspaceProps {
  session: Session
  settings: Settings
  info: CallOutput<'appInfo'>
}

/** One tab of the app: who may open it and what it shows. The core checks every call again. */
export interface Workspace {
  id: string
  label: { 'zh-CN': string; en: string }
  roles: readonly Role[]
  render: (props: WorkspaceProps) => ReactNode
  /** Fetches the screen's code ahead of its first render (screens are loaded when first opened). */
  preload: () => void
}
