import { parseArgs } from 'node:util'
import { QUIRK_SETS, startSandbox } from './index'

/**
 * `npm run sandbox -- --port 8400 --data DIR --seed demo`. The base URL is the first line of stdout so
 * a parent process (tests, the training-mode launcher) can read it and connect.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8400' },
    data: { type: 'string' },
    seed: { type: 'string', default: 'none' },
    paasid: { type: 'string' },
    secret: { type: 'string' },
    /** A named quirk set (electron/sandbox/quirks.ts): how this run's gateway departs from the national default. */
    quirks: { type: 'string', default: 'none' },
  },
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be 0-65535, got ${values.port}\n`)
  process.exit(2)
}
if (values.seed !== 'demo' && values.seed !== 'none') {
  process.stderr.write(`--seed must be demo or none, got ${values.seed}\n`)
  process.exit(2)
}

if (!(values.quirks in QUIRK_SETS)) {
  process.stderr.write(`--quirks must be one of ${Object.keys(QUIRK_SETS).join(', ')}, got ${values.quirks}\n`)
  process.exit(2)
}

const sandbox = await startSandbox({
  quirks: values.quirks,
  port,
  dataDir: values.data,
  seed: values.seed,
  paasid: values.paasid,
  secret: values.secret,
})
process.stdout.write(`${sandbox.url}\n`)
process.stdout.write(`sandbox platform ready; data: ${values.data ?? '(in memory)'}; seed: ${values.seed}\n`)

const stop = () => {
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
