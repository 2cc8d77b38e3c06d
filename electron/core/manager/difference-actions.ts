import { PosError, type Settings } from '../../../shared/contract'
import type { DifferenceActionSchema, ReconRun } from '../../../shared/contract/manager/schemas'
import { toFen } from '../../../shared/money/money'
import type { AnswerOutput, TransactionInput } from '../../../shared/nhsa'
import type { DetailRow } from '../../../shared/recon/detail-differences'
import { SaleJournal, messageAt } from '../journal'
import { insuredRegionOf, openRefundOf, openSettlementOf } from '../ledger'
import { PlatformError } from '../platform'
import { cstDay } from '../sale'
import type { Caller } from '../transport'
import { refuseIfClosed, type ManagerDeps } from './context'
import type { z } from 'zod'
import { ReconStore, type DiffRow } from './recon-store'

type Action = z.infer<typeof DifferenceActionSchema>
type WireRow = DetailRow

/**
 * A settlement only the platform has may be another counter's of the same institution, which this PC
 * cannot see: revoking it would undo a sale that counter made and still shows as settled. Only a
 * manager's declaration that no other counter exists makes it an orphan (store-node.md §2 Q2).
 */
export function mayReverseOrphans(s: Pick<Settings, 'soleInsuranceTerminal'>): boolean {
  return s.soleInsuranceTerminal
}

function refuseUnlessSoleTerminal(s: Pick<Settings, 'soleInsuranceTerminal'>): void {
  if (!mayReverseOrphans(s)) {
    throw new PosError('ORPHAN_MAY_BE_OTHER_COUNTER')
  }
}

/** A message left between intent and answer this young may still be on its way: leave it to the counter. */
const IN_FLIGHT_MS = 60_000

/**
 * What a manager can do about one difference: resolve the in-between sale behind it (the journal's own
 * 2601 reversal), reverse an orphan the platform has and we never recorded (2103 under a msgid kept on
 * disk first, so a retry after a lost answer repeats the same message), or write down an explanation.
 */
export class DifferenceActions {
  constructor(
    private readonly deps: ManagerDeps,
    private readonly view: (runId: number) => ReconRun,
  ) {}

  /** Our message still waiting for an answer that would explain a row only the platform has. */
  inBetweenFor(p: WireRow, training: boolean): { saleId: string; msgid: string } | null {
    const r =
      p.refd_setl_flag === '0'
        ? openSettlementOf(this.deps.db, training, p.psn_no, Math.abs(toFen(p.medfee_sumamt)))
        : openRefundOf(this.deps.db, training, p.mdtrt_id)
    return r ? { saleId: r.sale_id, msgid: r.msgid } : null
  }

  async act(runId: number, seq: number, action: Action, note: string | undefined, caller: Caller): Promise<ReconRun> {
    const db = this.deps.db
    const recon = new ReconStore(db)
    const run = recon.run(runId)
    if (!run) throw new PosError('DIFFERENCE_NOT_FOUND', { runId })
    const training = run.training === 1
    refuseIfClosed(db, run.day, training)
    if (recon.latestRunId(run.day, run.training) !== runId) throw new PosError('RECON_STALE_RUN')
    const diff = recon.difference(runId, seq)
    if (!diff) throw new PosError('DIFFERENCE_NOT_FOUND', { runId, seq })
    if (diff.resolution) throw new PosError('DIFFERENCE_DONE', { resolution: diff.resolution })
    if (!(JSON.parse(diff.actions) as Action[]).includes(action)) throw new PosError('ACTION_NOT_ALLOWED', { why: 'notOffered' })
    const subject = `day:${run.day}`
    const base = { run: runId, seq, setlId: diff.setl_id, kind: diff.kind, training }

    if (action === 'explain') {
      if (!note || note.length < 2) throw new PosError('NOTE_REQUIRED')
      db.transaction(() => {
        this.mark(runId, seq, 'explained', note, caller)
        this.deps.audit.append({ actor: caller.id, action: 'recon.explain', subject, detail: { ...base, note } })
      })()
    } else if (action === 'resolve') {
      await this.resolveInBetween(diff, caller, subject, base, training)
    } else {
      await this.reverseOrphan(diff, run.day, caller, subject, base, training, note)
    }
    this.deps.events.emit('managerDayChanged', { day: run.day, training, what: 'difference' })
    return this.view(runId)
  }

  private mark(runId: number, seq: number, resolution: 'resolved' | 'reversed' | 'explained', note: string | null, caller: Caller) {
    new ReconStore(this.deps.db).markDifference(runId, seq, resolution, note, caller.id, this.deps.clock.now().toISOString())
  }

  private async target(training: boolean) {
    const t = await this.deps.platform.background()
    if (t.training !== training) throw new PosError('ACTION_NOT_ALLOWED', { why: 'otherMode' })
    return t
  }

  private async resolveInBetween(diff: DiffRow, caller: Caller, subject: string, base: Record<string, unknown>, training: boolean) {
    const msgid = diff.msgid!
    const msg = messageAt(this.deps.db, msgid)!
    if (msg.state === 'intent' && this.deps.clock.now().getTime() - new Date(msg.created_at).getTime() < IN_FLIGHT_MS) {
      throw new PosError('RESOLVE_UNFINISHED', { why: 'tooRecent' })
    }
    let outcome = msg.state === 'intent' || msg.state === 'unknown' ? 'open' : msg.state
    if (outcome === 'open') {
      const t = await this.target(training)
      const s = this.deps.settings()
      const journal = new SaleJournal(this.deps.db, this.deps.clock, { platform: t.client, msgids: t.msgids }, this.deps.audit, {
        terminalId: s.terminalId,
        training: () => this.deps.settings().trainingMode,
        backoffMs: 200,
        maxBackoffMs: 1000,
        reversals: this.deps.reversals,
      })
      outcome = await journal.reverse(msgid, 3)
      if (outcome !== 'reversed') throw new PosError('RESOLVE_UNFINISHED', { why: 'noAnswer' })
    }
    this.deps.db.transaction(() => {
      this.mark(diff.run_id, diff.seq, 'resolved', `报文 ${msgid}：${outcome}`, caller)
      this.deps.audit.append({ actor: caller.id, action: 'recon.resolve', subject, detail: { ...base, msgid, outcome } })
    })()
  }

  private async reverseOrphan(
    diff: DiffRow,
    day: string,
    caller: Caller,
    subject: string,
    base: Record<string, unknown>,
    training: boolean,
    note: string | undefined,
  ) {
    const db = this.deps.db
    const p = JSON.parse(diff.platform_row!) as WireRow
    const t = await this.target(training)
    const now = () => this.deps.clock.now().toISOString()
    const recon = new ReconStore(db)
    const entry = db.transaction(() => {
      const existing = recon.revokeOf(p.setl_id)
      // A revoke already on disk is resent whatever the declaration says now: its answer may have been lost.
      if (existing) return existing
      refuseUnlessSoleTerminal(this.deps.settings())
      const msgid = t.msgids.next()
      const request: TransactionInput<'2103'> = { data: { setl_id: p.setl_id, mdtrt_id: p.mdtrt_id, psn_no: p.psn_no } }
      recon.insertRevokeIntent({ training: training ? 1 : 0, msgid, initSetlId: p.setl_id, request: JSON.stringify(request), actor: caller.id }, now())
      this.deps.audit.append({ actor: caller.id, action: 'recon.reverse-orphan.intent', subject, detail: { ...base, msgid, note: note ?? null } })
      return recon.revokeOf(p.setl_id)!
    })()
    if (entry.state !== 'answered') {
      const knownRegion = insuredRegionOf(db, p.psn_no)
      let setlinfo: AnswerOutput<'2103'>['setlinfo']
      try {
        // The same msgid and the same input: a platform that already revoked it answers the stored result again.
        setlinfo = (
          await t.client.call('2103', JSON.parse(entry.request) as TransactionInput<'2103'>, {
            msgid: entry.msgid,
            insuplcAdmdvs: knownRegion ?? this.deps.settings().admdvs,
          })
        ).output.setlinfo
      } catch (e) {
        const refused = e instanceof PlatformError && !e.outcomeUnknown
        recon.entryState(entry.id, refused ? 'refused' : 'unknown', now())
        if (refused) throw e
        throw new PosError('ORPHAN_UNRESOLVED')
      }
      db.transaction(() => {
        recon.entryAnswered(
          entry.id,
          { setlId: setlinfo.setl_id, day: setlinfo.setl_time.slice(0, 10) || cstDay(this.deps.clock.now()), setlinfo: JSON.stringify(setlinfo) },
          now(),
        )
        // The orphan itself joins our books on its own day, so both sides now list it and its revoke.
        recon.insertAnsweredSettlement(
          { setlId: p.setl_id, training: training ? 1 : 0, day, setlinfo: JSON.stringify({ ...setlinfo, setl_id: p.setl_id }), actor: caller.id },
          now(),
        )
      })()
    }
    db.transaction(() => {
      this.mark(diff.run_id, diff.seq, 'reversed', note ?? null, caller)
      this.deps.audit.append({ actor: caller.id, action: 'recon.reverse-orphan', subject, detail: { ...base, msgid: entry.msgid } })
    })()
  }
}
