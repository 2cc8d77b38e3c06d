/**
 * Command-line switches that open the app to a debugger. The fuses stop Node's `--inspect`; Chromium's
 * remote debugging is a switch of its own (`--remote-debugging-port=9222` lets any local program script
 * the page over CDP, DevTools or not), so a packaged app refuses to start with any of them.
 */
const DEBUG_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'js-flags',
] as const

/** The debug switches present in `argv` (Chromium takes `--name`, `--name=value`, and a single dash too). */
export function debugSwitchesIn(argv: readonly string[]): string[] {
  const names = new Set(argv.map((a) => /^--?([a-z-]+)(?:=|$)/i.exec(a)?.[1]?.toLowerCase()).filter((n): n is string => n !== undefined))
  return DEBUG_SWITCHES.filter((s) => names.has(s))
}
