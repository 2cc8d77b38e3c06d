import { commandDoneAnswerSchema, commandsAnswerSchema, type StoreCommand } from '../../../shared/contract/sync/store-day'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import type { StoreLink } from './store-link'

/** What this counter did about one command: reversed it, found nothing open, or could not yet (try again later). */
export type CommandOutcome = 'reversed' | 'not_open' | 'later'

/**
 * Pulls what the store asks of this counter and does it with its own journal: the store's reconciliation
 * found a row only the platform has that one of our messages between intent and answer explains, so we
 * reverse that message (2601 under its kept msgid), as our own recovery would. A command we cannot finish
 * now stays open at the store node and comes again with the next round.
 */
export async function runStoreCommands(link: StoreLink, key: string, terminalUid: string, reverse: (c: StoreCommand) => Promise<CommandOutcome>): Promise<number> {
  const commands = await link.call('/sync/v1/commands', key, terminalUid, {}, commandsAnswerSchema)
  let done = 0
  for (const c of commands) {
    const outcome = await reverse(c)
    if (outcome === 'later') continue
    await link.call('/sync/v1/commands/done', key, terminalUid, { command_id: c.command_id, outcome }, commandDoneAnswerSchema)
    done += 1
  }
  return done
}

/** A message this young may still be on its way: leave it to its own sale (as the manager's resolve does). */
const IN_FLIGHT_MS = 60_000

/**
 * The counter's side of "reverse your in-between message": only a message of ours still between intent
 * and answer is reversed, through the journal's own 2601 under its kept msgid (`reverse`).
 */
export function inBetweenReverser(db: Db, clock: Clock, reverse: (msgid: string) => Promise<'reversed' | 'unresolved'>): (c: StoreCommand) => Promise<CommandOutcome> {
  return async (c) => {
    const msg = db.prepare('SELECT state, created_at FROM platform_messages WHERE msgid = ?').get(c.msgid) as { state: string; created_at: string } | undefined
    if (!msg || (msg.state !== 'intent' && msg.state !== 'unknown')) return 'not_open'
    if (msg.state === 'intent' && clock.now().getTime() - new Date(msg.created_at).getTime() < IN_FLIGHT_MS) return 'later'
    return (await reverse(c.msgid)) === 'reversed' ? 'reversed' : 'later'
  }
}
