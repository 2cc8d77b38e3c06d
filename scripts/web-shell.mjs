// How `npm start` runs the built browser shell; the benchmarks start it the same way.

/** The browser shell, built by electron-vite beside the Electron main (electron.vite.config.ts). */
export const WEB_ENTRY = 'out/main/web.js'

/**
 * Node flags the browser shell runs with. V8's young generation grows to 16 MiB semispaces under a
 * selling load and keeps them: 2 MiB holds the core at ~110 MiB after 600 sales against ~150 (docs/benchmarks.md,
 * core memory), for a scavenge of a few hundred microseconds more often.
 */
export const WEB_NODE_FLAGS = ['--max-semi-space-size=2']
