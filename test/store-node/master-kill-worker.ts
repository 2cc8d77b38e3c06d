/**
 * A paired counter's core as its own process, for the SIGKILL test of master data: it starts, its pusher
 * pushes and pulls the store's change log on its own; the test kills it while a catalog generation is
 * staging. Usage: master-kill-worker.ts DATA_DIR
 */
import { createCore } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'

const [dataDir] = process.argv.slice(2)
await createCore({ dataDir, shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
process.stdout.write('started\n')
