import { PosError } from '../../../shared/contract'
import type { AnswerOutput, TransactionInput } from '../../../shared/nhsa'
import type { AuditTrail } from '../audit'
import type { Db } from '../../base/store/database'
import { type SaleJournal, sendableRequest } from '../journal'
import { PlatformError } from '../platform'

/** The clinic's messages that move no money: resolved by sending the same message again (the platform replays it). */
export const VISIT_INFNOS = ['2201', '2202', '2203', '2204', '2205'] as const
export type VisitInfno = (typeof VISIT_INFNOS)[number]

export interface VisitMessageHandlers<I extends VisitInfno> {
  /** Runs in the transaction that writes the intent. */
  intent?: () => void
  /** Runs in the transaction that records the answer, so the visit's state and the journal agree. */
  answered: (output: AnswerOutput<I>, msgid: string) => void
  /** Runs in the transaction that records a refusal (the platform certainly did nothing). */
  refused?: (message: string) => void
}

export interface OpenVisitMessage {
  msgid: string
  saleId: string
  infno: VisitInfno
  request: unknown
}

/**
 * A visit's registration, diagnosis and fee messages (2201-2205), journaled like a settlement on the
 * journal's engine: intent on disk first, answer on disk with the visit's own state. A lost answer is
 * asked again under the same msgid (the platform answers a repeated message with its stored answer and
 * does nothing twice), never under a new one; nothing here is ever reversed.
 */
export class VisitJournal {
  constructor(
    private readonly journal: SaleJournal,
    private readonly db: Db,
    private readonly audit: AuditTrail,
  ) {}

  async sendVisitMessage<I extends VisitInfno>(
    saleId: string,
    infno: I,
    input: TransactionInput<I>,
    actor: string,
    handlers: VisitMessageHandlers<I>,
    attempts = this.journal.inlineAttempts,
  ): Promise<AnswerOutput<I>> {
    const sale = this.journal.ledger.get(saleId)
    const msgid = this.db.transaction(() => {
      const id = this.journal.nextMsgid()
      // Between intent and answer the message is resent as written, so its credential is kept, sealed.
      this.journal.insertMessage(id, saleId, infno, input, 'open-visit')
      handlers.intent?.()
      this.audit.append({ actor, action: `visit.${infno}`, subject: saleId, detail: { msgid: id } })
      return id
    })()
    await this.journal.hook('after-intent', saleId)
    return this.deliver({ msgid, saleId, infno, request: input }, sale.insuplc_admdvs, handlers, attempts)
  }

  /** Visit messages whose answer never reached the disk, oldest first. */
  openVisitMessages(): OpenVisitMessage[] {
    // A message whose credential cannot be given back (written without the vault, or sealed by a keychain
    // since lost) is left out, so it cannot hold up the others, and stays open, counted as unresolved.
    return this.journal.openMessages(VISIT_INFNOS).flatMap((r) => {
      try {
        return [{ msgid: r.msgid, saleId: r.sale_id, infno: r.infno as VisitInfno, request: sendableRequest(this.db, r.sale_id, r.request) }]
      } catch (e) {
        if (e instanceof PosError) return []
        throw e
      }
    })
  }

  /** Sends an open visit message again, exactly as written, under its own msgid. */
  resendVisitMessage<I extends VisitInfno>(m: OpenVisitMessage & { infno: I }, handlers: VisitMessageHandlers<I>, attempts: number) {
    return this.deliver(m, this.journal.ledger.get(m.saleId).insuplc_admdvs, handlers, attempts)
  }

  private async deliver<I extends VisitInfno>(
    m: { msgid: string; saleId: string; infno: I; request: unknown },
    insuplcAdmdvs: string | null,
    handlers: VisitMessageHandlers<I>,
    attempts: number,
  ): Promise<AnswerOutput<I>> {
    const j = this.journal
    let delay = j.firstPause
    for (let attempt = 1; ; attempt++) {
      j.countAttempt(m.msgid)
      try {
        const call = j.send(m.infno, m.request as TransactionInput<I>, m.msgid, insuplcAdmdvs)
        await j.hook('after-send', m.saleId)
        const answer = await call
        const output = answer.output
        await j.hook('after-answer', m.saleId)
        this.db.transaction(() => {
          j.markMessage(m.msgid, 'answered', { response: output, raw: answer.raw })
          handlers.answered(output, m.msgid)
        })()
        await j.hook('after-store', m.saleId)
        return output
      } catch (e) {
        if (e instanceof PlatformError && !e.outcomeUnknown) {
          this.db.transaction(() => {
            j.markMessage(m.msgid, 'refused', { error: e.message })
            handlers.refused?.(e.message)
          })()
          throw e
        }
        if (!(e instanceof PlatformError)) throw e
        j.markMessage(m.msgid, 'unknown', { error: e.message })
        if (attempt >= attempts) {
          throw new PosError('VISIT_MESSAGE_UNRESOLVED', { infno: m.infno })
        }
        delay = await j.pause(delay)
      }
    }
  }
}
