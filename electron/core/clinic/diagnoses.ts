import type { Diagnosis } from '../../../shared/contract/clinic/schemas'
import { ICD10_OUTPATIENT_TSV } from './data/icd10-outpatient'
import { TextIndex } from './text-match'

function parse(tsv: string): Diagnosis[] {
  return tsv
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [code, name] = l.split('\t')
      return { code, name }
    })
}

let index: TextIndex<Diagnosis> | undefined
let byCode: Map<string, Diagnosis> | undefined

function load() {
  if (!index) {
    const all = parse(ICD10_OUTPATIENT_TSV)
    index = new TextIndex(all)
    byCode = new Map(all.map((d) => [d.code.toUpperCase(), d]))
  }
  return { index, byCode: byCode! }
}

export function searchDiagnoses(query: string, limit: number): Diagnosis[] {
  return load().index.search(query, limit)
}

/** The table's entry for a code (the name sent to the platform is the table's, not the screen's). */
export function findDiagnosis(code: string): Diagnosis | undefined {
  return load().byCode.get(code.trim().toUpperCase())
}

export function allDiagnoses(): Diagnosis[] {
  return load().index.search('', Number.MAX_SAFE_INTEGER)
}
