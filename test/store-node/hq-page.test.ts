import { spawn } from 'node:child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HqUsers } from '../../electron/store-node/hq/users'
import { HqRegistry } from '../../electron/store-node/hq/hq-registry'
import type { StoreNodeServer } from '../../electron/store-node/http'
import { startStoreNode } from '../../electron/store-node/http'
import { HQ_SESSION_COOKIE, hqPageBoardSchema, hqPageReportSchema, hqUserSchema, isSilent } from '../../shared/contract/hq/page'
import { toFen } from '../../shared/money/money'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { ChainStore, clock, startHq } from './chain-rig'

/**
 * The head office's page on the HQ node (store-node.md, "The head office's page"): served as static files under
 * /hq/ with its host checked and no way out of its folder, its calls behind HQ's own users (scrypt, lockout, an
 * HttpOnly SameSite=Strict session cookie, the page's origin), a regional manager seeing only its regions.
 */
const storeDb1 = usePostgres()
const storeDb2 = usePostgres()
const hqDb = usePostgres()
const tempDir = useTempDir()
const ROOT = resolve(import.meta.dirname, '../..')
const DAY = '2026-11-03'
const PASSWORD = 'correct horse battery'

const s = {} as { hq: StoreNodeServer; zz: ChainStore; bj: ChainStore; pageDir: string }
beforeAll(async () => {
  // A built page as electron-vite lays it out, and a file beside it the page must never serve.
  const root = join(tempDir(), 'out')
  s.pageDir = join(root, 'renderer')
  mkdirSync(join(s.pageDir, 'assets'), { recursive: true })
  writeFileSync(join(s.pageDir, 'hq.html'), '<!doctype html><title>hq</title>')
  writeFileSync(join(s.pageDir, 'index.html'), '<!doctype html><title>counter</title>')
  writeFileSync(join(s.pageDir, 'assets', 'hq-1.js'), 'export {}')
  writeFileSync(join(root, 'secret.key'), 'SECRET')
  symlinkSync(join(root, 'secret.key'), join(s.pageDir, 'assets', 'planted.js'))
  s.hq = await startHq(hqDb().pool, undefined, { pageDir: s.pageDir, hosts: ['hq.chain.example:8441'] })
  s.zz = await ChainStore.start(storeDb1().pool, 'P41010500218', '郑州金水店', '410105', 1)
  s.bj = await ChainStore.start(storeDb2().pool, 'P11010100301', '北京东城店', '110101', 1)
  await s.zz.pairWithHq(hqDb().pool, s.hq.url, '郑州金水店')
  await s.bj.pairWithHq(hqDb().pool, s.hq.url, '北京东城店')
  const sale = { day: DAY, person: 0, fund: 1000, account: 200, mutualAid: 300, cash: 500, goods: 0, insutype: '310' as const, refunded: false }
  await s.zz.counters[0].push(s.zz.counters[0].saleRows(sale))
  await s.bj.counters[0].push(s.bj.counters[0].saleRows({ ...sale, person: 2, fund: 4000 }))
  await s.zz.uplink().drain()
  await s.bj.uplink().drain()
  const users = new HqUsers(hqDb().pool, clock)
  await users.add({ userId: 'admin', name: '总部管理员', regions: [], password: PASSWORD })
  await users.add({ userId: 'henan', name: '河南区域经理', regions: ['41'], password: PASSWORD })
  await users.add({ userId: 'locked', name: '试错', regions: ['11'], password: PASSWORD })
}, 60_000)
afterAll(async () => {
  await s.zz?.close()
  await s.bj?.close()
  await s.hq?.close()
})

const origin = () => new URL(s.hq.url).origin

/** A call as the page makes it: same origin, JSON, the session cookie. */
async function call(path: string, body: unknown, cookie?: string, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(`/hq/page/v1/${path}`, s.hq.url), {
    method: 'POST',
    headers: { origin: origin(), 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } & Record<string, unknown>, res }
}

async function signIn(userId: string): Promise<string> {
  const r = await call('sign-in', { user_id: userId, password: PASSWORD })
  expect(r.status).toBe(200)
  const set = r.res.headers.get('set-cookie')!
  return set.split(';')[0]
}

/** A raw request, so the Host header and the path are exactly what is written. */
function raw(path: string, host?: string): Promise<{ status: number; type: string | undefined; body: string; csp: string | undefined }> {
  const u = new URL(s.hq.url)
  return new Promise((done, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, headers: { host: host ?? u.host } }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () =>
        done({ status: res.statusCode!, type: res.headers['content-type'], body, csp: res.headers['content-security-policy'] as string | undefined }),
      )
    })
    req.on('error', fail)
    req.end()
  })
}

describe('the page as static files', () => {
  it('serves hq.html at /hq/ and its assets with their types and the CSP; nothing outside, no counter page, no other host', async () => {
    const page = await raw('/hq/')
    expect(page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><title>hq</title>' })
    expect(page.csp).toContain("default-src 'self'")
    expect(await raw('/hq/assets/hq-1.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' })
    expect(await raw('/')).toMatchObject({ status: 302 })
    for (const path of [
      '/hq/assets/..%2f..%2fsecret.key',
      '/hq/assets/%2e%2e/%2e%2e/secret.key',
      '/hq/assets/planted.js',
      '/hq/assets/missing.js',
      '/hq/assets/',
    ])
      expect((await raw(path)).status, path).toBe(404)
    // The counter's page is not the head office's: /hq/index.html is no path of the page.
    expect((await raw('/hq/index.html')).body).not.toContain('counter')
    expect((await raw('/hq/', 'evil.example')).status).toBe(421)
    expect((await raw('/hq/', 'hq.chain.example:8441')).status).toBe(200)
  })

  it('a store node does not serve the page', async () => {
    const store = await startStoreNode({ pool: storeDb1().pool, clock, adminToken: 'x', page: { pageDir: s.pageDir } })
    try {
      const res = await fetch(new URL('/hq/', store.url))
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain('hq')
    } finally {
      await store.close()
    }
  })
})

describe('signing in', () => {
  it('a wrong password is refused in the same words as an unknown user; the right one sets an HttpOnly SameSite=Strict cookie', async () => {
    const wrong = await call('sign-in', { user_id: 'admin', password: 'not the password' })
    const nobody = await call('sign-in', { user_id: 'nobody', password: PASSWORD })
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } })
    expect(nobody.body).toEqual(wrong.body)
    const ok = await call('sign-in', { user_id: 'admin', password: PASSWORD })
    expect(hqUserSchema.parse(ok.body.user)).toEqual({ userId: 'admin', name: '总部管理员', role: 'admin', regions: [] })
    const cookie = ok.res.headers.get('set-cookie')!
    expect(cookie).toMatch(new RegExp(`^${HQ_SESSION_COOKIE}=[A-Za-z0-9_-]{43};`))
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    expect(cookie).not.toContain('Secure')
    // Behind a TLS proxy the page's origin is https and the cookie is Secure.
    const tls = await call('sign-in', { user_id: 'admin', password: PASSWORD }, undefined, {
      origin: origin().replace('http:', 'https:'),
      'x-forwarded-proto': 'https',
    })
    expect(tls.res.headers.get('set-cookie')).toContain('; Secure')
    // Neither the password nor the session token is stored.
    const held = await hqDb().pool.query("SELECT u.password_hash, encode(s.token_sha256, 'hex') AS t FROM hq_users u JOIN hq_sessions s USING (user_id)")
    for (const r of held.rows) {
      expect(r.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/)
      expect(JSON.stringify(r)).not.toContain(cookie.split(';')[0].split('=')[1])
    }
  })

  it('five wrong passwords sent at once lock the user: the right one is then refused too', async () => {
    const tries = await Promise.all(Array.from({ length: 5 }, () => call('sign-in', { user_id: 'locked', password: 'guess guess guess' })))
    expect(tries.map((t) => t.status).sort()).toEqual([401, 401, 401, 401, 429])
    const right = await call('sign-in', { user_id: 'locked', password: PASSWORD })
    expect(right).toMatchObject({ status: 429, body: { error: { code: 'HQ_USER_LOCKED' } } })
  })

  it('a call without the session, from another origin, or not as JSON is refused; signing out ends the session at HQ', async () => {
    const cookie = await signIn('admin')
    expect((await call('me', {}, cookie)).status).toBe(200)
    expect(await call('me', {})).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } })
    expect(await call('me', {}, cookie, { origin: 'http://evil.example' })).toMatchObject({ status: 403, body: { error: { code: 'HQ_FORBIDDEN' } } })
    const noOrigin = await fetch(new URL('/hq/page/v1/me', s.hq.url), { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' })
    expect(noOrigin.status).toBe(403)
    expect((await call('me', {}, cookie, { 'content-type': 'text/plain' })).status).toBe(415)
    // The store's admin token opens none of the page's calls.
    expect((await call('board', { day: DAY }, undefined, { 'x-admin-token': 'hq-admin-token' })).status).toBe(401)
    await call('sign-out', {}, cookie)
    expect((await call('me', {}, cookie)).status).toBe(401)
  })

  it('add-user, the documented command, adds a user who can sign in', async () => {
    const t = hqDb()
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/store-node/main.ts',
        '--role',
        'hq',
        '--pg',
        t.socketDir,
        '--db',
        t.database,
        'add-user',
        'zhou',
        '--name',
        '周经理',
        '--regions',
        '4101,110101',
      ],
      { cwd: ROOT, env: { ...process.env, PGUSER: t.user, GONGJI_HQ_PASSWORD: PASSWORD }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    expect(await new Promise((r) => child.once('exit', r))).toBe(0)
    expect(out).toContain('已添加区域经理 zhou')
    expect((await call('sign-in', { user_id: 'zhou', password: PASSWORD })).body.user).toEqual({
      userId: 'zhou',
      name: '周经理',
      role: 'regional',
      regions: ['4101', '110101'],
    })
  }, 60_000)
})

describe('what each user sees', () => {
  it('a store is silent when its day is not complete and HQ has heard nothing for ten minutes', () => {
    const at = new Date('2026-11-03T10:00:00Z')
    const heard = (minutesAgo: number | null, complete = false) => {
      const t = minutesAgo === null ? null : new Date(at.getTime() - minutesAgo * 60_000).toISOString()
      return { complete, reportedThrough: t, lastPushAt: t }
    }
    expect([heard(null), heard(11), heard(9), heard(11, true), heard(null, true)].map((x) => isSilent(x, at))).toEqual([true, true, false, false, false])
  })

  it('the admin sees every store on the board and in the report; the report total is the stores sum', async () => {
    const cookie = await signIn('admin')
    const b = hqPageBoardSchema.parse((await call('board', { day: DAY }, cookie)).body)
    expect(b.board.stores.map((x) => x.storeId)).toEqual(['P11010100301', 'P41010500218'])
    expect(b.board.notClosed).toEqual(['P11010100301', 'P41010500218'])
    // Both stores reported a moment ago (the uplink's caught-up): neither is silent, though the day is not over.
    expect(b.board.stores.map((x) => isSilent(x, new Date(b.asOf)))).toEqual([false, false])
    const r = hqPageReportSchema.parse((await call('report', { from: DAY, to: DAY }, cookie)).body)
    expect(r.byStore.map((x) => x.figures.medical)).toEqual(['50.00', '20.00'])
    expect(toFen(r.total.medical)).toBe(r.byStore.reduce((n, x) => n + toFen(x.figures.medical), 0))
    expect(r.total.mutualAid).toBe('6.00')
    // The amounts identity (nhsa-interface.md) holds in what the page is given, per store and in total.
    for (const f of [r.total, ...r.byStore.map((x) => x.figures)])
      expect(toFen(f.medical) + toFen(f.goods)).toBe(
        toFen(f.fund) + toFen(f.account) + toFen(f.mutualAid) + toFen(f.hospital) + toFen(f.cash) + toFen(f.mobile),
      )
    const henanOnly = hqPageBoardSchema.parse((await call('board', { day: DAY, region: '41' }, cookie)).body)
    expect(henanOnly.board.stores.map((x) => x.storeId)).toEqual(['P41010500218'])
  })

  it('a regional manager sees only its regions, whatever it asks for, and may not issue pairing codes', async () => {
    const cookie = await signIn('henan')
    const b = hqPageBoardSchema.parse((await call('board', { day: DAY }, cookie)).body)
    expect(b.board.stores.map((x) => x.storeId)).toEqual(['P41010500218'])
    expect(b.board.notClosed).toEqual(['P41010500218'])
    expect(hqPageBoardSchema.parse((await call('board', { day: DAY, region: '11' }, cookie)).body).board.stores).toEqual([])
    const r = hqPageReportSchema.parse((await call('report', { from: DAY, to: DAY, store_ids: ['P11010100301', 'P41010500218'] }, cookie)).body)
    expect(r.byStore.map((x) => x.storeId)).toEqual(['P41010500218'])
    expect(r.total.medical).toBe('20.00')
    const code = await call('pairing-codes', { store_id: 'P41010500999', name: '郑州新店', admdvs: '410105' }, cookie)
    expect(code).toMatchObject({ status: 403, body: { error: { code: 'HQ_FORBIDDEN' } } })
  })

  it('the admin issues a store pairing code on the page, and a store pairs with it', async () => {
    const cookie = await signIn('admin')
    const bad = await call('pairing-codes', { store_id: 'not a code', name: '新店', admdvs: '410105' }, cookie)
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } })
    const r = await call('pairing-codes', { store_id: 'P41010500999', name: '郑州新店', admdvs: '410105' }, cookie)
    expect(r.status).toBe(200)
    const reg = await new HqRegistry(hqDb().pool, clock).pair(r.body.code as string, 'P41010500999')
    expect(reg).toMatchObject({ store_id: 'P41010500999', admdvs: '410105' })
  })
})
