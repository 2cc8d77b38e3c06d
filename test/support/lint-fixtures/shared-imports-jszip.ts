// lint as: shared/catalog/example.ts
// shared/ runs in the renderer too: ZIP files are read on the Node side.
import JSZip from 'jszip/dist/jszip.min.js'

export const zip = JSZip
