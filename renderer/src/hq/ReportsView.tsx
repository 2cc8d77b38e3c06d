import { useCallback, useEffect, useState } from 'react'
import { hqPageReportSchema } from '../../../shared/contract/hq/page'
import type { HqReport } from '../../../shared/contract/sync/hq'
import { FunctionKeyBar, type FunctionKey } from '../components/FunctionKeys'
import { cstToday } from '../i18n/beijing-time'
import { hqCall } from './api'
import { HqError } from './HqError'
import { useHqMessages, type HqWords } from './messages'
import { RegionSelect } from './RegionSelect'
import { CROSS_COLUMNS, FIGURE_COLUMNS, figureCells, GROUPINGS, groupRows, reportCsv, type FigureColumn, type Grouping } from './report-csv'
import { useHqCall } from './use-hq-call'

const KNOWN_INSUTYPES = ['310', '390'] as const

function insutypeName(m: HqWords) {
  return (code: string | null) =>
    code === null ? m('insutypeNone') : (KNOWN_INSUTYPES as readonly string[]).includes(code) ? `${code} ${m(`insutype_${code as '310' | '390'}`)}` : code
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** 汇总报表: the HQ node's consolidated report for a range of days, grouped as chosen, with its total; CSV export. */
export function ReportsView({ appKeys }: { appKeys: FunctionKey[] }) {
  const m = useHqMessages()
  const [from, setFrom] = useState(() => `${cstToday().slice(0, 8)}01`)
  const [to, setTo] = useState(() => cstToday())
  const [region, setRegion] = useState('')
  const [grouping, setGrouping] = useState<Grouping>('byStore')
  const [report, setReport] = useState<HqReport>()
  const [regions, setRegions] = useState<string[]>([])
  const { error, failed, settled } = useHqCall()

  const load = useCallback(
    () =>
      hqCall('report', { from, to, ...(region ? { region } : {}) }, hqPageReportSchema).then((r) => {
        settled()
        setReport(r)
        if (!region) setRegions(r.byStore.map((s) => s.admdvs))
      }, failed),
    [from, to, region, settled, failed],
  )
  useEffect(() => {
    void load()
  }, [load])

  const columns = Object.fromEntries([...FIGURE_COLUMNS, ...CROSS_COLUMNS].map((c) => [c, m(c)])) as Record<FigureColumn, string>
  const exportCsv = () =>
    report &&
    download(
      `hq-report-${report.from}-${report.to}${region ? `-${region}` : ''}.csv`,
      reportCsv(report, { group: m('csvGroup'), key: m('key'), total: m('total'), columns, groupName: (g) => m(g), insutypeName: insutypeName(m) }),
    )
  const keys: FunctionKey[] = [
    ...appKeys,
    { key: 'F5', label: m('refresh'), action: () => void load() },
    { key: 'F6', label: m('nextGroup'), action: () => setGrouping((g) => GROUPINGS[(GROUPINGS.indexOf(g) + 1) % GROUPINGS.length]) },
    { key: 'F8', label: m('exportCsv'), action: () => void exportCsv(), disabled: !report },
  ]
  const rows = report ? groupRows(report, grouping, insutypeName(m)) : []
  return (
    <section className="workspace" aria-label={m('tabReports')}>
      <FunctionKeyBar keys={keys} />
      <div className="workspace-body hq-body">
        <form className="hq-filters" onSubmit={(e) => (e.preventDefault(), void load())}>
          <label>
            {m('from')}
            <input type="date" value={from} required onChange={(e) => e.target.value && setFrom(e.target.value)} />
          </label>
          <label>
            {m('to')}
            <input type="date" value={to} required onChange={(e) => e.target.value && setTo(e.target.value)} />
          </label>
          <RegionSelect value={region} onChange={setRegion} admdvs={regions} />
          <label>
            {m('group')}
            <select value={grouping} onChange={(e) => setGrouping(e.target.value as Grouping)}>
              {GROUPINGS.map((g) => (
                <option key={g} value={g}>
                  {m(g)}
                </option>
              ))}
            </select>
          </label>
        </form>
        <HqError error={error} />
        <div className="hq-scroll">
          <table className="grid hq-report" aria-label={m('tabReports')}>
            <thead>
              <tr>
                <th>{m(grouping)}</th>
                {[...FIGURE_COLUMNS, ...CROSS_COLUMNS].map((c) => (
                  <th key={c} className="num">
                    {columns[c]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <td>{r.key}</td>
                  {figureCells(r.figures).map((v, i) => (
                    <td key={i} className="num">
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            {report && (
              <tfoot>
                <tr data-testid="report-total">
                  <th>{m('total')}</th>
                  {figureCells(report.total).map((v, i) => (
                    <th key={i} className="num" data-column={[...FIGURE_COLUMNS, ...CROSS_COLUMNS][i]}>
                      {v}
                    </th>
                  ))}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      </div>
    </section>
  )
}
