// lint as: electron/core/sync/example.ts
// The counter reaching into the store node's registry instead of talking to it over HTTP.
import { TerminalRegistry } from '../../store-node/registry'

export const registry = TerminalRegistry
