// lint as: electron/sandbox/example.ts
// A test tool inside a product folder would be missing from the packaged app.
import fc from 'fast-check'

export const any = fc.anything
