import { useEffect, useState } from 'react'
import type { PrintJobKind } from '../../../../shared/receipt'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { useCounterMessages } from './messages'

const CAPTION: Record<PrintJobKind, 'paperOriginal' | 'paperCorrected' | 'paperReprint' | 'paperRefund'> = {
  original: 'paperOriginal',
  corrected: 'paperCorrected',
  reprint: 'paperReprint',
  refund: 'paperRefund',
}

/**
 * A sale's newest paper exactly as the printer gets it (the print service lays out both from the same
 * receipt), so what the cashier reads here is what the customer holds.
 */
export function SalePaper({ jobId }: { jobId: number }) {
  const m = useCounterMessages()
  const [paper, setPaper] = useState<{ kind: PrintJobKind; lines: string[] }>()
  const [error, setError] = useState<ShownError>()
  useEffect(() => {
    let live = true
    pos.previewPrintJob({ jobId }).then(
      ({ job, lines }) => live && setPaper({ kind: job.kind, lines }),
      (e: unknown) => live && setError(toShownError(e)),
    )
    return () => {
      live = false
    }
  }, [jobId])
  if (error) return <ErrorNotice error={error} />
  if (!paper) return null
  return (
    <figure>
      <figcaption>{m(CAPTION[paper.kind])}</figcaption>
      {/* The paper is printed in Chinese whatever the screen's language: this is its facsimile. */}
      <pre className="receipt-preview" data-testid="sale-paper" data-kind={paper.kind} lang="zh-CN" translate="no">
        {paper.lines.join('\n')}
      </pre>
    </figure>
  )
}
