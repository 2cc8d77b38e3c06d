import { useState } from 'react'

const TRACE_CODE = /^\d{20}$/

/**
 * Where a scanner types a box's traceability code (or a person does, by hand): Enter takes it. Scanners
 * the core already hears (serial, Electron's wedge hook) arrive as scan events instead; both end up in
 * `onCode`.
 */
export function TraceCodeInput({ label, onCode }: { label: string; onCode: (code: string) => void }) {
  const [text, setText] = useState('')
  return (
    <label>
      {label}
      <input
        value={text}
        inputMode="numeric"
        data-field="traceCode"
        aria-invalid={text.length > 0 && !TRACE_CODE.test(text.trim())}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || !TRACE_CODE.test(text.trim())) return
          e.preventDefault()
          onCode(text.trim())
          setText('')
        }}
      />
    </label>
  )
}
