import { createElement, lazy, useState, type ComponentType } from 'react'
import { COUNTER, FRONT_DESK, MANAGER } from '../../shared/contract/define'
import type { Workspace, WorkspaceProps } from './shell/workspace'

type Screen = ComponentType<WorkspaceProps>

/**
 * A tab whose screen is its own chunk, fetched when the tab is first opened or ahead of it (`preload`): the
 * login screen's bundle then carries none of the screens (docs/benchmarks.md, start to the login screen).
 * A screen whose chunk is already here mounts at once, as before the split, so a key pressed right after
 * the tab opens reaches it; one still loading shows App.tsx's Suspense fallback. The choice is made once
 * per mount, so a loaded chunk never swaps the element's type under a mounted screen (its cart).
 */
function workspace(w: Omit<Workspace, 'render' | 'preload'>, load: () => Promise<Screen>): Workspace {
  let screen: Screen | undefined
  let loading: Promise<Screen> | undefined
  const preload = () => (loading ??= load().then((s) => (screen = s)))
  const Lazy = lazy(async () => ({ default: await preload() }))
  function Host(props: WorkspaceProps) {
    const [Shown] = useState<Screen>(() => screen ?? Lazy)
    return createElement(Shown, props)
  }
  return { ...w, preload: () => void preload(), render: (props) => createElement(Host, props) }
}

/** The app's tabs in order; each is shown only to the roles it names (Alt+1, Alt+2... switch). */
export const WORKSPACES: readonly Workspace[] = [
  workspace(
    { id: 'counter', label: { 'zh-CN': '收银', en: 'Counter' }, roles: COUNTER },
    async () => (await import('./screens/counter/CounterScreen')).CounterScreen,
  ),
  workspace(
    { id: 'clinic', label: { 'zh-CN': '门诊', en: 'Clinic' }, roles: FRONT_DESK },
    async () => (await import('./screens/clinic/ClinicScreen')).ClinicScreen,
  ),
  workspace(
    { id: 'catalog', label: { 'zh-CN': '商品目录', en: 'Catalog' }, roles: MANAGER },
    async () => (await import('./screens/catalog/CatalogScreen')).CatalogScreen,
  ),
  workspace({ id: 'stock', label: { 'zh-CN': '库存', en: 'Stock' }, roles: MANAGER }, async () => (await import('./screens/stock/StockScreen')).StockScreen),
  workspace(
    { id: 'devices', label: { 'zh-CN': '设备', en: 'Devices' }, roles: MANAGER },
    async () => (await import('./screens/devices/DevicesScreen')).DevicesScreen,
  ),
  workspace(
    { id: 'manager', label: { 'zh-CN': '店长', en: 'Manager' }, roles: MANAGER },
    async () => (await import('./screens/manager/ManagerScreen')).ManagerScreen,
  ),
  // Store mode: the whole institution's day, kept by the store node; a standalone counter is told how to pair.
  workspace(
    { id: 'store', label: { 'zh-CN': '门店', en: 'Store' }, roles: MANAGER },
    async () => (await import('./screens/manager/store/StoreDayScreen')).StoreDayScreen,
  ),
  workspace(
    { id: 'settings', label: { 'zh-CN': '设置', en: 'Settings' }, roles: MANAGER },
    async () => (await import('./screens/settings/SettingsScreen')).SettingsScreen,
  ),
]
