/**
 * Only the app's own top-level page may call the core: not an iframe, not a page the window was
 * somehow navigated to. Compared on the URL without query or fragment.
 */
export function isAppFrame(frameUrl: string | undefined, isMainFrame: boolean, appUrl: string): boolean {
  if (!frameUrl || !isMainFrame) return false
  try {
    const a = new URL(frameUrl)
    const b = new URL(appUrl)
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname
  } catch {
    return false
  }
}
