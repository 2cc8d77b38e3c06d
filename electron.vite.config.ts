import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The browser shell is built beside the Electron main (same core, shared chunks): `npm start` runs
      // out/main/web.js, with no TypeScript transformed at run time.
      rollupOptions: { input: { index: resolve('electron/main/index.ts'), web: resolve('electron/web/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() anything: one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified; Chromium parses a third of the bytes minified, and
      // the login screen waits on that parse (docs/benchmarks.md, start to the login screen).
      minify: true,
      // hq.html: the head office's page, served by the HQ node (electron/store-node/hq/page.ts), not by the app.
      rollupOptions: { input: { index: resolve('renderer/index.html'), hq: resolve('renderer/hq.html') } },
    },
    plugins: [react()],
  },
})
