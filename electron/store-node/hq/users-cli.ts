import { Writable } from 'node:stream'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import type { Pool } from 'pg'
import type { Clock } from '../../base/clock'
import { StoreNodeError } from '../errors'
import { HqUsers } from './users'

export const ADD_USER_USAGE =
  '用法：npm run store-node -- --role hq --pg <…> add-user <用户名> --name <姓名> [--regions 4101,110101]\n' +
  '  没有 --regions 为总部管理员（看全部门店、生成配对码）；有 --regions 为区域经理（只看这些区域的门店）。\n' +
  '  密码从环境变量 GONGJI_HQ_PASSWORD 读取，没有则在终端输入（不回显），至少 10 位。\n'

/** The password typed at the terminal without echo, or the first line of what is piped in. */
async function askPassword(): Promise<string> {
  if (process.env.GONGJI_HQ_PASSWORD) return process.env.GONGJI_HQ_PASSWORD
  const tty = process.stdin.isTTY
  if (tty) process.stderr.write('密码：')
  const silent = new Writable({ write: (_chunk, _enc, done) => done() })
  const rl = createInterface({ input: process.stdin, output: tty ? silent : undefined, terminal: tty })
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.once('line', resolve)
      rl.once('close', () => reject(new StoreNodeError('BAD_REQUEST', '没有输入密码')))
    })
  } finally {
    rl.close()
    if (tty) process.stderr.write('\n')
  }
}

/** `add-user`: adds one of the head office's users to the HQ node's database and says who was added. */
export async function addUserCommand(pool: Pool, clock: Clock, args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' }, regions: { type: 'string' } } })
  if (positionals.length !== 1 || !values.name) throw new StoreNodeError('BAD_REQUEST', ADD_USER_USAGE)
  const regions = (values.regions ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
  const user = await new HqUsers(pool, clock).add({ userId: positionals[0], name: values.name, regions, password: await askPassword() })
  return user.role === 'admin'
    ? `已添加总部管理员 ${user.userId}（${user.name}）\n`
    : `已添加区域经理 ${user.userId}（${user.name}），区域 ${user.regions.join('、')}\n`
}
