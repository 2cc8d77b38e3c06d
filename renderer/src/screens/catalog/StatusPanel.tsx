import type { CatalogName } from '../../../../shared/catalog/schemas'
import type { CatalogOverview } from '../../../../shared/contract/catalog/schemas'
import { useLocale } from '../../i18n'
import { useCatalogMessages } from './messages'

const ROWS: { name: CatalogName; label: 'list1301' | 'list1306' | 'listStore' }[] = [
  { name: 'national_1301', label: 'list1301' },
  { name: 'national_1306', label: 'list1306' },
  { name: 'store', label: 'listStore' },
]

/** What is live per list: which import (batch), how many rows, when, from which file. */
export function StatusPanel({ overview }: { overview: CatalogOverview | undefined }) {
  const m = useCatalogMessages()
  const locale = useLocale()
  const when = (iso: string) => new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { hour12: false })
  return (
    <section className="card" aria-labelledby="catalog-status-title" style={{ maxWidth: 'none' }}>
      <h2 id="catalog-status-title">{m('statusTitle')}</h2>
      {overview?.trainingCatalog && (
        <div
          className="notice"
          role="note"
          style={{ background: '#fff8e1', color: '#3e2a00', border: '1px solid #ffd54f', marginBottom: '0.5rem', maxWidth: 'none' }}
        >
          {m('training')}
        </div>
      )}
      <table className="grid" data-testid="catalog-status">
        <thead>
          <tr>
            <th>{m('list')}</th>
            <th className="num">{m('generation')}</th>
            <th className="num">{m('items')}</th>
            <th>{m('importedAt')}</th>
            <th>{m('source')}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(({ name, label }) => {
            const live = overview?.lists[name]
            return (
              <tr key={name} data-list={name}>
                <td>{m(label)}</td>
                {live ? (
                  <>
                    <td className="num">{live.generation}</td>
                    <td className="num" data-items>
                      {live.items.toLocaleString(locale)}
                    </td>
                    <td>{when(live.importedAt)}</td>
                    <td style={{ wordBreak: 'break-all' }}>{live.sourceName.replace(/^demo:/, '')}</td>
                  </>
                ) : (
                  <td colSpan={4} style={{ color: '#5b6675' }}>
                    {m('none')}
                  </td>
                )}
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
