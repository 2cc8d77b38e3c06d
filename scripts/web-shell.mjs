// How `npm start` runs the built browser shell; the benchmarks start it the same way.

/** The browser shell, built by electron-vite beside the Electron main (electron.vite.config.ts). */
export const WEB_ENTRY = 'out/main/web.js'

/**
 * Node flags the browser shell runs with. V8 keeps what it grew under a selling load: its young
 * generation grows to 16 MiB semispaces and its old one by a generous factor. 2 MiB semispaces and
 * optimizing for size hold the core at ~100 MiB through 2,000 sales against ~165 MiB, at the same speed a
 * sale (docs/benchmarks.md, core memory).
 */
export const WEB_NODE_FLAGS = ['--max-semi-space-size=2', '--optimize-for-size']
