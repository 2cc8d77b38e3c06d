import type { Core } from '../../electron/core/core'
import type { CallResult } from '../../shared/contract'
import type { CatalogOverview } from '../../shared/contract/catalog/schemas'

export function value<T>(res: CallResult): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`)
  return res.value as T
}

export async function status(core: Core): Promise<CatalogOverview> {
  return value<CatalogOverview>(await core.dispatch('catalogStatus', {}))
}

/** Polls the contract, as a screen opened late would, until no import runs. */
export async function idle(core: Core, timeoutMs = 30_000): Promise<CatalogOverview> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const s = await status(core)
    if (!s.running) return s
    if (Date.now() > until) throw new Error('import still running')
    await new Promise((r) => setTimeout(r, 20))
  }
}
