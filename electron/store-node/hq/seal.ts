import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * The store node's seal for the one secret it keeps, its key at HQ: AES-256-GCM under a key that lives in
 * a file beside the service (mode 0600), never in PostgreSQL, so a database dump or backup does not carry
 * a working key. The key file is made on first start.
 */
export class SealBox {
  constructor(readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the seal key must be 32 bytes')
  }

  static fromFile(path: string): SealBox {
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' })
    }
    chmodSync(path, 0o600)
    return new SealBox(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64'))
  }

  seal(text: string): string {
    const iv = randomBytes(12)
    const c = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([c.update(text, 'utf8'), c.final()])
    return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
  }

  /** Throws when the text was sealed under another key (another node's file) or changed. */
  open(sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.')
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value')
    const d = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'))
    d.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8')
  }
}
