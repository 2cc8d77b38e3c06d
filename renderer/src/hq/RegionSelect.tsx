import { useHqMessages } from './messages'

/** The region filter: each province of the stores shown, then each district, as 2- and 6-digit prefixes. */
export function RegionSelect({ value, onChange, admdvs }: { value: string; onChange: (region: string) => void; admdvs: readonly string[] }) {
  const m = useHqMessages()
  const choices = [...new Set([...admdvs.map((a) => a.slice(0, 2)), ...admdvs])].sort()
  return (
    <label>
      {m('region')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{m('allRegions')}</option>
        {choices.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
    </label>
  )
}
