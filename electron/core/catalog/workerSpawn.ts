import { Worker, type WorkerOptions } from 'node:worker_threads'

/** A variable, not a literal: a literal `new URL('./x.ts', import.meta.url)` makes Vite copy the .ts as an asset. */
const WORKER_SOURCE = './importWorker.ts'

/**
 * Starts the import worker from wherever this module runs:
 * - from source (tsx: the web shell, tests, the bench): a Worker cannot load .ts by itself, so a
 *   two-line bootstrap loads it through tsx's API;
 * - from the electron-vite build (out/main): `?modulePath` makes electron-vite bundle importWorker.ts
 *   as its own file beside the main bundle and gives its path. The import is dynamic and only reached
 *   in the build, so tsx never has to resolve the `?modulePath` suffix.
 */
export async function spawnImportWorker(options: WorkerOptions): Promise<Worker> {
  if (import.meta.url.endsWith('.ts')) {
    const entry = new URL(WORKER_SOURCE, import.meta.url).href
    // The ESM build of the API: its CommonJS build cannot load tsx's ESM loader from inside a worker.
    const tsxApi = import.meta.resolve('tsx/esm/api')
    const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`
    return new Worker(bootstrap, { ...options, eval: true })
  }
  const { default: workerFile } = await import('./importWorker?modulePath')
  return new Worker(workerFile, options)
}
