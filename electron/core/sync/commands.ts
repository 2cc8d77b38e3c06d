import { commandDoneAnswerSchema, commandsAnswerSchema, type StoreCommand } from '../../../shared/contract/sync/store-day'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import type { AuditTrail } from '../audit'
import { releaseSoldCodes } from '../ledger'
import type { StoreLink } from './store-link'
import { messageAt } from '../journal'
import { noteRefundedElsewhere } from '../sale'

/** What this counter did about one command: reversed it, found nothing open, noted it, or could not yet (try again later). */
export type CommandOutcome = 'reversed' | 'not_open' | 'noted' | 'later'

type Of<K extends StoreCommand['kind']> = Extract<StoreCommand, { kind: K }>
/** How this counter does each kind of command, under its own journal. */
export type CommandHandlers = { [K in StoreCommand['kind']]: (c: Of<K>) => Promise<CommandOutcome> }

/**
 * Pulls what the store asks of this counter and does it with its own journal: reverse a message of ours
 * between intent and answer that the store's reconciliation found explains a row only the platform has,
 * or note that another counter refunded one of our sales. A command we cannot finish now stays open at the
 * store node and comes again with the next round.
 */
export async function runStoreCommands(link: StoreLink, key: string, terminalUid: string, handlers: CommandHandlers): Promise<number> {
  const commands = await link.call('/sync/v1/commands', key, terminalUid, {}, commandsAnswerSchema)
  let done = 0
  for (const c of commands) {
    const outcome = c.kind === 'reverse_in_between' ? await handlers.reverse_in_between(c) : await handlers.refunded_elsewhere(c)
    if (outcome === 'later') continue
    await link.call('/sync/v1/commands/done', key, terminalUid, { command_id: c.command_id, outcome }, commandDoneAnswerSchema)
    done += 1
  }
  return done
}

/** How this counter's journal reverses one of its messages, and whether the message's own sender still holds it. */
export interface InBetweenJournal {
  reverse(msgid: string): Promise<'reversed' | 'unresolved' | 'not_open'>
  heldBySender(msgid: string): boolean
}

/**
 * The counter's side of "reverse your in-between message": only a message of ours still between intent
 * and answer is reversed, through the journal's own 2601 under its kept msgid, joining a reversal the
 * counter's recovery already has under way (one 2601, whoever asked). A message its sender is still
 * sending is the sender's: the command comes again next round, and by then the message is answered
 * (`not_open`, nothing sent) or left open for a reversal.
 */
export function inBetweenReverser(db: Db, journal: InBetweenJournal): CommandHandlers['reverse_in_between'] {
  return async (c) => {
    const msg = messageAt(db, c.msgid)
    if (!msg || (msg.state !== 'intent' && msg.state !== 'unknown')) return 'not_open'
    if (journal.heldBySender(c.msgid)) return 'later'
    const outcome = await journal.reverse(c.msgid)
    return outcome === 'unresolved' ? 'later' : outcome
  }
}

/**
 * The selling counter's side of "your sale was refunded at counter B": recorded once, so this counter's own
 * refund of it is refused (core/sale/refunded-elsewhere.ts) and its screens can say where it went.
 */
export function refundedElsewhereNoter(db: Db, clock: Clock, audit: AuditTrail): CommandHandlers['refunded_elsewhere'] {
  return async (c) => {
    db.transaction(() => {
      if (noteRefundedElsewhere(db, c.sale_id, c.by_terminal_no, c.msgid, clock.now().toISOString()))
        audit.append({ actor: 'store', action: 'sale.refunded_elsewhere', subject: c.sale_id, detail: { byTerminalNo: c.by_terminal_no, msgid: c.msgid } })
      // The boxes came back over the other counter: this counter may sell them again.
      releaseSoldCodes(db, c.sale_id)
    })()
    return 'noted'
  }
}
