#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest. Stops at the first failure.
import { execSync } from 'node:child_process'

const steps = [
  ['typecheck', 'npm run --silent typecheck'],
  ['lint', 'npm run --silent lint'],
  ['native module for Node', 'node scripts/ensure-native.mjs node'],
  ['unit + integration (vitest)', 'npx vitest run'],
  ['build', 'npx electron-vite build'],
  ['end-to-end (Playwright, Chromium)', 'npx playwright test'],
]
for (const [name, cmd] of steps) {
  console.log(`\n=== ${name}: ${cmd}`)
  try {
    execSync(cmd, { stdio: 'inherit' })
  } catch {
    console.error(`\n✗ ${name} failed`)
    process.exit(1)
  }
}
console.log('\n✓ all checks passed')
