import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { calls, ERROR_CODES, TransportErrorCodes, type ErrorCode } from '../../shared/contract'

const REGISTERED = new Set<string>(ERROR_CODES)

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return filesUnder(path)
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : []
  })
}

/** A literal that is only compared against (`e.code === 'X'`, `case 'X':`) is read, not produced. */
function compared(node: ts.Node): boolean {
  const p = node.parent
  if (ts.isCaseClause(p)) return true
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind
    return op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken
  }
  return false
}

/**
 * The codes some code under these folders can produce: every registered code written as a literal anywhere
 * but in a comparison. Every producing path names its code literally (the compiler makes a thrown code a
 * registered one, and there is no other way to make one), so reading literals finds them all; a dynamic code
 * (PosError.fromData, PosError.relayed) only passes on one some other literal produced.
 */
function producedUnder(...dirs: string[]): Map<string, string> {
  const where = new Map<string, string>()
  for (const file of dirs.flatMap(filesUnder)) {
    const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    const visit = (n: ts.Node) => {
      if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && REGISTERED.has(n.text) && !compared(n) && !where.has(n.text)) {
        where.set(n.text, `${file}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`)
      }
      ts.forEachChild(n, visit)
    }
    visit(src)
  }
  return where
}

const declared = new Set<string>(Object.values(calls).flatMap((c) => c.errors))
const transport = new Set<string>(Object.keys(TransportErrorCodes))
/** The counter's own product code: the core and the two shells' transports (not the contract's declarations). */
const counter = producedUnder('electron/core', 'electron/main', 'electron/web', 'shared/money', 'shared/nhsa', 'shared/catalog', 'shared/stock')
/** Refusals the store node words and a paired counter call relays as they came (electron/core/sync/paired-call.ts). */
const storeNode = producedUnder('electron/store-node')
/** A reason a print job records (the app closed mid-print), shown with the job, never a call's answer. */
const JOB_REASONS: readonly ErrorCode[] = ['PRINT_INTERRUPTED']
/** The renderer's own codes for what never reached the core as a typed error. */
const RENDERER_OWN: readonly ErrorCode[] = ['UNEXPECTED', 'TRANSPORT', 'CORE_ANSWER_INVALID', 'SCAN_NOT_RECOGNISED', 'HELD_ITEMS_MISSING']

describe('error codes produced and declared', () => {
  it('every code the counter can produce is declared by a call (or is the transport’s own)', () => {
    const undeclared = [...counter.keys()]
      .filter((c) => !declared.has(c) && !transport.has(c) && !(JOB_REASONS as string[]).includes(c))
      .map((c) => `${c} (${counter.get(c)})`)
    expect(undeclared).toEqual([])
  })

  it('every declared code is produced somewhere: by the counter, or by the store node for a call that relays it', () => {
    const dead = [...declared].filter((c) => !counter.has(c) && !storeNode.has(c))
    expect(dead).toEqual([])
  })

  it('every registered code is produced by someone, so the words tables hold no dead entries', () => {
    const renderer = producedUnder('renderer/src/screens', 'renderer/src/api', 'renderer/src/components')
    const unused = ERROR_CODES.filter((c) => !counter.has(c) && !storeNode.has(c) && !renderer.has(c))
    expect(unused).toEqual([])
    for (const c of RENDERER_OWN) expect(renderer.has(c) && !declared.has(c), c).toBe(true)
  })
})
