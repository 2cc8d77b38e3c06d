import type { Pool, PoolClient } from 'pg'
import type { z } from 'zod'
import type {
  orphanOutcomeRequestSchema,
  orphanPrepareAnswerSchema,
  ReconPrepareAnswer,
  reconRecordRequestSchema,
  StoreDifference,
  StoreReconRun,
} from '../../../shared/contract/sync/store-day'
import type { detailDifferenceSchema } from '../../../shared/nhsa/transactions/reconciliation'
import type { Clock } from '../../base/clock'
import { StoreNodeError } from '../errors'
import { inTransaction } from '../migrations'
import { randomUUID } from 'node:crypto'
import { commandReverseInBetween } from '../commands-store'
import { isDayClosed } from './day-close-store'
import { inBetweenMessage, ownerOfSettlement, storeItems } from './items'
import * as store from './reconciliation-store'
import { issueStoreMsgids } from './msgids'
import { StoreSideOf } from './side'
import { storeTerminals, terminalName, waitingFor } from './watermarks'

type PlatformDiff = z.infer<typeof detailDifferenceSchema>
type RecordRequest = z.infer<typeof reconRecordRequestSchema>

const yuan = (n: number) => n.toFixed(2)
const rowView = (r: PlatformDiff['store']) =>
  r && {
    setlId: r.setl_id,
    mdtrtId: r.mdtrt_id,
    medical: yuan(r.medfee_sumamt),
    fund: yuan(r.fund_pay_sumamt),
    account: yuan(r.acct_pay),
    refund: r.refd_setl_flag === '1',
  }

/** Refuses what is not the latest run of an open day, or a difference already dealt with. */
async function openDifference(client: PoolClient, storeId: string, runId: number, seq: number) {
  const day = await store.runDay(client, runId, storeId)
  if (day === undefined) throw new StoreNodeError('DIFFERENCE_NOT_FOUND', `找不到第 ${runId} 次门店对账`)
  if (Number(await store.latestRunId(client, storeId, day)) !== runId)
    throw new StoreNodeError('RECON_STALE_RUN', '这不是当天最新的门店对账结果，请在最新一次对账上处理差异')
  if (await isDayClosed(client, storeId, day)) throw new StoreNodeError('DAY_CLOSED', `${day} 门店已日结，不能再处理差异`)
  const d = await store.differenceForUpdate(client, runId, seq)
  if (!d) throw new StoreNodeError('DIFFERENCE_NOT_FOUND', `第 ${runId} 次门店对账没有第 ${seq} 处差异`)
  if (d.resolution) throw new StoreNodeError('DIFFERENCE_DONE', `这处差异已处理（${d.resolution}），如需复核请重新对账`)
  return { day, ...d }
}

/**
 * The store's reconciliation with the platform, for the whole institution (store-node.md §5.6). The store
 * node computes the store side over every counter's synced settlements, issues the msgids (terminal 00),
 * keeps the runs and differences and decides what may be done about each difference; a paired manager's
 * counter carries the messages to the platform, because that is where the platform's secret and the
 * gateway profile live (docs/store-node.md says why).
 */
export class StoreReconciliation {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  private async client<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect()
    try {
      return await inTransaction(c, () => fn(c))
    } finally {
      c.release()
    }
  }

  /** The store side of the day and a msgid for every message of the run. */
  prepare(storeId: string, day: string, optins: string): Promise<ReconPrepareAnswer> {
    return this.client(async (c) => {
      const side = new StoreSideOf(await storeItems(c, storeId, day))
      const combos = side.combos(optins)
      const msgids = await issueStoreMsgids(c, this.clock, storeId, combos.length + 2)
      const total = side.total(optins)
      return {
        fingerprint: side.fingerprint(),
        totals: combos.map((g, i) => ({ ...g, msgid: msgids[i] })),
        detail: {
          upload_msgid: msgids[combos.length],
          msgid: msgids[combos.length + 1],
          file: side.detailFile(optins),
          count: total.count,
          medfee_fen: total.medical,
          fund_fen: total.fund,
          cash_fen: total.cash,
        },
      }
    })
  }

  /** Keeps a run the manager's counter made, deciding for each difference who owns it and what may be done. */
  record(storeId: string, terminalUid: string, r: RecordRequest, asOf: Date): Promise<StoreReconRun> {
    return this.client(async (c) => {
      const now = this.clock.now()
      const terminals = await storeTerminals(c, storeId, r.day, asOf)
      const waiting = waitingFor(terminals, r.day)
      const labelOf = new Map(terminals.map((t) => [t.terminalNo, t.label]))
      const agreed = r.totals.every((t) => t.agreed)
      const runId = await store.insertRun(c, {
        storeId,
        day: r.day,
        at: now,
        actor: r.actor,
        actorTerminal: terminalUid,
        status: agreed ? 'agreed' : 'differences',
        totals: JSON.stringify(r.totals),
        detail: r.detail ? JSON.stringify(r.detail) : null,
        fingerprint: r.fingerprint,
        waitingFor: JSON.stringify(waiting),
      })
      let seq = 0
      for (const d of r.differences) {
        seq += 1
        const decided = await this.decide(c, storeId, d, waiting, labelOf)
        // An explanation given in an earlier run of the day still explains the same difference.
        const b = await store.earlierExplanation(c, storeId, r.day, d.setl_id, d.kind)
        await store.insertDifference(c, {
          runId,
          seq,
          setlId: d.setl_id,
          kind: d.kind,
          refdSetlFlag: d.refd_setl_flag,
          fields: JSON.stringify(d.fields),
          storeRow: d.store ? JSON.stringify(d.store) : null,
          platformRow: d.platform ? JSON.stringify(d.platform) : null,
          storeId,
          ownerNo: decided.owner,
          why: decided.why,
          actions: JSON.stringify(decided.actions),
          resolution: b ? 'explained' : null,
          note: b?.note ?? null,
          resolvedBy: b?.resolved_by ?? null,
          resolvedAt: b?.resolved_at ?? null,
        })
      }
      return this.viewOn(c, runId)
    })
  }

  /**
   * Who owns a difference and what may be done. A settlement some counter of the store made is never an
   * orphan; nor is a row only the platform has while any counter has not reported past the day, or while a
   * counter has a message between intent and answer that would explain it (that counter reverses it itself,
   * under its own kept msgid, by its recovery). Only then is `reverse_orphan` offered, and a second manager
   * must approve it.
   */
  private async decide(
    c: PoolClient,
    storeId: string,
    d: PlatformDiff,
    waiting: string[],
    labelOf: Map<number, string>,
  ): Promise<{ owner: number | null; why: string; actions: StoreDifference['actions'] }> {
    const named = (no: number) => terminalName(no, labelOf.get(no) ?? '门店服务器')
    const owner = await ownerOfSettlement(c, storeId, d.setl_id)
    if (d.kind !== 'only_platform') {
      return {
        owner,
        why: owner === null ? '门店的这笔记录与医保平台不一致，请核对后写明原因' : `这是 ${named(owner)} 的结算，与医保平台不一致，请在该收银台核对后写明原因`,
        actions: ['explain'],
      }
    }
    if (owner !== null) return { owner, why: `这是 ${named(owner)} 的结算（不在本日的门店记录中），不能撤销，请写明原因`, actions: ['explain'] }
    if (waiting.length > 0)
      return { owner: null, why: `可能是尚未上报的收银台的结算：${waiting.join('；')}。不能撤销，请等其上报后重新对账`, actions: ['explain'] }
    if (d.platform) {
      const between = await inBetweenMessage(c, storeId, d.platform)
      if (between !== null) {
        // The owner is told to reverse it (2601 under its kept msgid); asking twice is one command.
        await commandReverseInBetween(c, {
          commandId: randomUUID(),
          storeId,
          terminalUid: between.terminalUid,
          msgid: between.msgid,
          at: this.clock.now(),
        })
        return {
          owner: between.terminalNo,
          why: `${named(between.terminalNo)} 有一笔报文（${between.msgid}）尚未得到应答，与此相符：已通知该收银台用原报文号冲正，请稍后重新对账`,
          actions: ['explain'],
        }
      }
    }
    if (d.refd_setl_flag === '1') return { owner: null, why: '只有医保平台有这笔撤销，门店没有可对应的结算，请写明原因', actions: ['explain'] }
    return {
      owner: null,
      why: '本店所有收银台都已上报，门店数据中没有这笔结算：可撤销（须第二位店长批准），或写明原因',
      actions: ['reverse_orphan', 'explain'],
    }
  }

  explain(storeId: string, runId: number, seq: number, actor: string, note: string): Promise<StoreReconRun> {
    return this.client(async (c) => {
      await openDifference(c, storeId, runId, seq)
      await store.explainDifference(c, runId, seq, note, actor, this.clock.now())
      return this.viewOn(c, runId)
    })
  }

  /**
   * The revoke of an orphan, kept before it is sent: a resend after a lost answer repeats the same msgid.
   * Refused unless the difference still offers it, every counter has reported past the day now, and the
   * approver is a second manager.
   */
  orphanPrepare(
    storeId: string,
    runId: number,
    seq: number,
    actor: string,
    approver: string,
    note: string | null,
    asOf: Date,
  ): Promise<z.infer<typeof orphanPrepareAnswerSchema>> {
    return this.client(async (c) => {
      if (actor === approver) throw new StoreNodeError('SECOND_MANAGER_REQUIRED', '撤销只有医保平台有的结算须由另一位店长批准（不能批准自己的操作）')
      const d = await openDifference(c, storeId, runId, seq)
      if (!d.actions.includes('reverse_orphan') || !d.platform_row)
        throw new StoreNodeError('ACTION_NOT_ALLOWED', '这处差异不能撤销，请按界面给出的处理方式操作')
      const waiting = waitingFor(await storeTerminals(c, storeId, d.day, asOf), d.day)
      if (waiting.length > 0) throw new StoreNodeError('ACTION_NOT_ALLOWED', `还有收银台没有上报，这笔可能是它的：${waiting.join('；')}`)
      if ((await ownerOfSettlement(c, storeId, d.setl_id)) !== null)
        throw new StoreNodeError('ACTION_NOT_ALLOWED', '这笔结算已由本店的收银台上报，不是孤立结算，不能撤销')
      const p = d.platform_row
      const e = await store.openRevokeEntry(c, storeId, p.setl_id)
      if (e) {
        return { entry_id: Number(e.id), msgid: e.msgid, state: e.state, request: e.request }
      }
      const [msgid] = await issueStoreMsgids(c, this.clock, storeId, 1)
      const request = { data: { setl_id: p.setl_id, mdtrt_id: p.mdtrt_id, psn_no: p.psn_no } }
      const now = this.clock.now()
      const id = await store.insertRevokeEntry(c, {
        storeId,
        msgid,
        initSetlId: p.setl_id,
        request: JSON.stringify(request),
        actor,
        approver,
        at: now,
      })
      await store.noteDifference(c, runId, seq, note)
      return { entry_id: Number(id), msgid, state: 'intent', request }
    })
  }

  /** What the platform said to the revoke; answered, the orphan and its revoke join the store's books on their days. */
  orphanOutcome(storeId: string, runId: number, seq: number, r: z.infer<typeof orphanOutcomeRequestSchema>): Promise<StoreReconRun> {
    return this.client(async (c) => {
      const now = this.clock.now()
      const e = await store.revokeEntryForUpdate(c, r.entry_id, storeId)
      if (!e) throw new StoreNodeError('DIFFERENCE_NOT_FOUND', `找不到撤销记录 ${r.entry_id}`)
      if (r.outcome !== 'answered' || !r.setlinfo) {
        await store.setEntryState(c, r.entry_id, r.outcome === 'answered' ? 'unknown' : r.outcome, now)
        return this.viewOn(c, runId)
      }
      const s = r.setlinfo as { setl_id: string; setl_time?: string }
      const d = await openDifference(c, storeId, runId, seq)
      const revokeDay = typeof s.setl_time === 'string' && s.setl_time.length >= 10 ? s.setl_time.slice(0, 10) : d.day
      await store.answerEntry(c, r.entry_id, s.setl_id, revokeDay, JSON.stringify(s), now)
      // The orphan itself joins the store's books on its own day, so both sides now list it and its revoke.
      await store.insertOrphanSettle(c, {
        storeId,
        day: d.day,
        setlId: e.init_setl_id,
        setlinfo: JSON.stringify({ ...s, setl_id: e.init_setl_id }),
        actor: e.actor,
        approver: e.approver,
        at: now,
      })
      await store.markReversed(c, runId, seq, e.actor, e.approver, now)
      return this.viewOn(c, runId)
    })
  }

  async latest(db: Pool | PoolClient, storeId: string, day: string): Promise<StoreReconRun | null> {
    const id = await store.latestRunId(db, storeId, day)
    return id === null ? null : this.viewOn(db, Number(id))
  }

  async viewOn(db: Pool | PoolClient, runId: number): Promise<StoreReconRun> {
    const run = await store.runRow(db, runId)
    const diffs = await store.differenceRows(db, runId)
    const differences: StoreDifference[] = diffs.map((d) => ({
      seq: d.seq,
      setlId: d.setl_id,
      kind: d.kind,
      refund: d.refd_setl_flag === '1',
      fields: d.fields,
      store: rowView(d.store_row),
      platform: rowView(d.platform_row),
      owner: d.terminal_no === null ? null : { terminalNo: d.terminal_no, label: d.label ?? '' },
      why: d.why,
      actions: d.actions,
      resolution: d.resolution,
      note: d.note,
      resolvedBy: d.resolved_by,
      approvedBy: d.approved_by,
      resolvedAt: d.resolved_at?.toISOString() ?? null,
    }))
    const status: StoreReconRun['status'] =
      run.status === 'agreed' ? 'agreed' : differences.every((d) => d.resolution === 'explained') ? 'explained' : 'differences'
    return {
      id: Number(run.id),
      day: run.day,
      at: run.at.toISOString(),
      actor: run.actor,
      status,
      complete: run.waiting_for.length === 0,
      waitingFor: run.waiting_for,
      totals: run.totals,
      detail: run.detail,
      differences,
    }
  }
}
