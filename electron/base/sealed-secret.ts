import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * The platform secret on its way between a counter and the store node (store-node.md §5.4): sealed with
 * AES-256-GCM, never in clear on the wire nor in PostgreSQL. A counter's key is derived from its pairing key,
 * which only the counter and the request carrying it hold (the store node keeps the pairing key's hash); at
 * rest the store node seals with a key of its own kept outside the database.
 */
export function counterSealKey(pairingKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', pairingKey, 'gongji-store-node', 'master-data secret v1', 32))
}

/** iv (12) | tag (16) | ciphertext, in base64. */
export function sealText(key: Buffer, plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
}

/** Throws when the text was sealed under another key or changed on the way. */
export function openText(key: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
  decipher.setAuthTag(raw.subarray(12, 28))
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
}
