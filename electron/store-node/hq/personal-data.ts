/**
 * What never goes up to HQ (store-node.md §5.3 "Personal data"): who a customer is. Counters already keep
 * the ID number, card and names at home; the store node still holds `psn_no`, masked names and whatever the
 * platform's answers say of the person (a real gateway's setlinfo names them, with sex and birthday). HQ
 * reports by store, region, day, insurance type and mutual aid, and needs none of it.
 */
const PERSONAL_KEYS = new Set([
  'psn_no',
  'psn_name',
  'name_masked',
  'certno',
  'cert_no',
  'mdtrt_cert_no',
  'psn_cert_type',
  'card_sn',
  'gend',
  'brdy',
  'age',
  'naty',
  'tel',
  'addr',
  'emp_name',
  'idetinfo',
  'mulaid_payer',
  'payer_psn_no',
  'payer_psn_name',
  'mulaid_payer_psn_no',
  // The store's reconciliation keeps a difference's rows as the store and the platform had them.
  'psnNo',
])

/** Tables whose rows carry free text or member data: they travel as `withheld`, never their body. */
export const WITHHELD_TABLES = new Set(['audit_log'])

const looksJson = (s: string) => (s.startsWith('{') && s.endsWith('}')) || (s.startsWith('[') && s.endsWith(']'))

function parsedJson(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return undefined
  }
}

/**
 * The value without personal keys, at any depth, including JSON kept as text inside a column (a platform
 * answer, a setlinfo): the same input always gives the same output, so a re-push hashes the same.
 */
export function withoutPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPersonal)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (!PERSONAL_KEYS.has(k)) out[k] = withoutPersonal(v)
    return out
  }
  if (typeof value === 'string' && looksJson(value)) {
    const inner = parsedJson(value)
    if (inner !== undefined && typeof inner === 'object' && inner !== null) return JSON.stringify(withoutPersonal(inner))
  }
  return value
}

/** The path of the first personal key in a value (nested JSON text included), or null: HQ refuses such a row. */
export function personalPath(value: unknown, path = ''): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = personalPath(value[i], `${path}[${i}]`)
      if (p) return p
    }
    return null
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (PERSONAL_KEYS.has(k)) return path ? `${path}.${k}` : k
      const p = personalPath(v, path ? `${path}.${k}` : k)
      if (p) return p
    }
    return null
  }
  if (typeof value === 'string' && looksJson(value)) {
    const inner = parsedJson(value)
    return inner !== undefined ? personalPath(inner, path) : null
  }
  return null
}
