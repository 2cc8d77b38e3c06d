import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, type as osType, release } from 'node:os'
import { basename, join } from 'node:path'
import type { BenchCase, BenchResult } from './harness'

interface CaseReport {
  name: string
  issue: number
  ranAt: string
  seconds: number
  results: BenchResult[]
  notes?: string
}
interface Report {
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; node: string }
  cases: Record<string, CaseReport>
}

const JSON_OUT = 'docs/benchmarks.json'
const MD_OUT = 'docs/benchmarks.md'
const NOTES_DIR = 'docs/bench-notes'
const only = process.argv.slice(2)

const machine = {
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  os: `${osType()} ${release()}`,
  node: process.version,
}

const readReport = (): Report => (existsSync(JSON_OUT) ? (JSON.parse(readFileSync(JSON_OUT, 'utf8')) as Report) : { machine, cases: {} })
const ran: Report['cases'] = {}

const dir = join(import.meta.dirname, 'cases')
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort()) {
  const mod = (await import(join(dir, file))) as { cases: BenchCase[] }
  for (const c of mod.cases) {
    if (only.length && !only.some((o) => c.name.includes(o) || basename(file, '.ts') === o)) continue
    process.stdout.write(`▶ ${c.name} … `)
    const start = Date.now()
    const results = await c.run()
    const seconds = (Date.now() - start) / 1000
    ran[c.name] = { name: c.name, issue: c.issue, ranAt: new Date().toISOString(), seconds, results, ...(c.notes ? { notes: c.notes } : {}) }
    console.log(`${seconds.toFixed(1)} s`)
    for (const r of results) console.log(`   ${r.metric}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`)
  }
}

// Running a subset keeps the other cases' last results; the file is read again only now, so results
// another run wrote meanwhile are kept too.
const report = readReport()
report.machine = machine
Object.assign(report.cases, ran)
writeFileSync(JSON_OUT, JSON.stringify(report, null, 2) + '\n')
const lines = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (`npm run bench -- NAME` runs the cases whose name contains NAME). Numbers are',
  'from the machine below; compare runs on the same machine only. The text under a table is kept in',
  '`docs/bench-notes/` (edit it there: this file is rewritten by every run).',
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}.`,
  '',
]
for (const c of Object.values(report.cases).sort((a, b) => a.issue - b.issue || a.name.localeCompare(b.name))) {
  lines.push(
    `## ${c.name} (issue #${c.issue})`,
    '',
    `Ran ${c.ranAt}, took ${c.seconds.toFixed(1)} s.`,
    '',
    '| metric | value | target | note |',
    '|---|---|---|---|',
  )
  for (const r of c.results) lines.push(`| ${r.metric} | ${r.value} ${r.unit} | ${r.target ?? ''} | ${r.note ?? ''} |`)
  lines.push('')
  const notes = c.notes ? join(NOTES_DIR, `${c.notes}.md`) : undefined
  if (notes && existsSync(notes)) lines.push(readFileSync(notes, 'utf8').trim(), '')
}
writeFileSync(MD_OUT, lines.join('\n'))
console.log(`\nwritten ${JSON_OUT} and ${MD_OUT}`)
