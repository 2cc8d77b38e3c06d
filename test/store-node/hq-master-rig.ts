import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Pool } from 'pg'
import { startStoreNode, type StoreNodeServer } from '../../electron/store-node/http'
import { HqRegistry } from '../../electron/store-node/hq/hq-registry'
import { SealBox } from '../../electron/store-node/hq/seal'
import type { UplinkOptions } from '../../electron/store-node/hq/uplink'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { signIn } from '../support/core-session'
import { startCounter } from '../sale/counter-rig'
import { clock, hqCall } from './chain-rig'
import type { PairedCounter } from './master-rig'

/** A store of the chain for master-data tests: a real store node on its own database, real counter cores paired with it, linked with HQ. */
export class MasterStore {
  readonly counters: PairedCounter[] = []
  private readonly dirs: string[] = []
  private constructor(
    readonly pool: Pool,
    readonly node: StoreNodeServer,
    readonly storeId: string,
    readonly name: string,
    readonly admdvs: string,
  ) {}

  static async start(
    pool: Pool,
    storeId: string,
    name: string,
    admdvs: string,
    uplink: UplinkOptions,
    seal = new SealBox(randomBytes(32)),
  ): Promise<MasterStore> {
    await new TerminalRegistry(pool, clock).addStore(storeId, name)
    const node = await startStoreNode({ pool, clock, adminToken: 'store-admin', seal, uplink })
    return new MasterStore(pool, node, storeId, name, admdvs)
  }

  /** A full counter core (training), its manager signed in, paired with this store node. */
  async addCounter(label: string): Promise<PairedCounter> {
    const dir = mkdtempSync(join(tmpdir(), 'gongji-hqm-'))
    this.dirs.push(dir)
    const counter = await startCounter(dir)
    await signIn(counter.core, 'manager')
    const { code } = await new TerminalRegistry(this.pool, clock).newPairingCode(this.storeId, label)
    await counter.call('pairWithStoreNode', { url: this.node.url, code })
    const p = { counter, dataDir: (await counter.call('appInfo', {})).dataDir }
    this.counters.push(p)
    return p
  }

  /** Pairs the institution with HQ as its manager does, and starts the push (and the pull behind it) unless told not to. */
  async linkWithHq(hqPool: Pool, hqUrl: string, start = true): Promise<void> {
    const { code } = await new HqRegistry(hqPool, clock).newPairingCode(this.storeId, this.name, this.admdvs)
    await this.node.uplink!.link(this.storeId, hqUrl, code)
    if (start) this.node.uplink!.start()
  }

  async close(): Promise<void> {
    for (const c of this.counters.splice(0)) await c.counter.close()
    await this.node.close()
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  }
}

/** HQ's staff publishing over HQ's API, as its page does. */
export async function hqPublish(hq: StoreNodeServer, change: object, actor = '总部王经理'): Promise<number> {
  const r = await hqCall<{ seq: number; error?: unknown }>(hq, '/hq/v1/master/publish', { actor, change })
  if (r.status !== 200) throw new Error(`HQ refused: ${JSON.stringify(r.body)}`)
  return r.body.seq
}
