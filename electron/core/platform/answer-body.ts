import type { Transform } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import { PlatformError } from './errors'

/** How many bytes an answer may take on the wire, and once decompressed. */
export interface BodyLimits {
  wireBytes: number
  decodedBytes: number
}

/**
 * An answer grew past a cap: cut off while it arrived, so a hostile or broken gateway cannot fill the
 * memory of the counter (300 KB of gzip inflate to 300 MB). Outcome unknown, like any unreadable answer.
 */
export class AnswerTooLarge extends PlatformError {
  constructor(
    readonly limitBytes: number,
    readonly stage: 'wire' | 'decoded',
  ) {
    super(
      'malformed',
      stage === 'wire' ? `医保平台的应答超过 ${limitBytes} 字节，已停止接收，结果未知` : `医保平台的应答解压后超过 ${limitBytes} 字节，已停止解压，结果未知`,
    )
    this.name = 'AnswerTooLarge'
  }
}

export interface BodyReader {
  /** Takes the next chunk off the wire; answers the reason to cut the answer off, if any. */
  write(chunk: Buffer): AnswerTooLarge | undefined
  /** The whole decoded body once the wire has ended; rejects past a cap or on a corrupt stream. */
  end(): Promise<Buffer>
  /** A cap hit while decompressing runs after write() returned: the caller is told here, to cut at once. */
  onTooLarge(listener: (e: AnswerTooLarge) => void): void
}

/** We ask for no compression; a gateway that compresses anyway is still understood, within the caps. */
function decompressor(encoding: string | undefined): Transform | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case undefined:
    case '':
    case 'identity':
      return undefined
    case 'gzip':
    case 'x-gzip':
      return createGunzip()
    case 'deflate':
      return createInflate()
    case 'br':
      return createBrotliDecompress()
    default:
      throw new PlatformError('malformed', `医保平台的应答使用了不认识的压缩方式（${encoding}），结果未知`)
  }
}

/** Reads an answer body chunk by chunk, decompressing as it arrives and counting both sides. */
export function createBodyReader(encoding: string | undefined, limits: BodyLimits): BodyReader {
  const inflater = decompressor(encoding)
  const chunks: Buffer[] = []
  let wire = 0
  let decoded = 0
  let tooLarge: AnswerTooLarge | undefined
  let listener: ((e: AnswerTooLarge) => void) | undefined
  let corrupt: Error | undefined

  const keep = (c: Buffer): AnswerTooLarge | undefined => {
    if (tooLarge) return tooLarge
    decoded += c.length
    if (decoded > limits.decodedBytes) {
      tooLarge = new AnswerTooLarge(limits.decodedBytes, 'decoded')
      // Stops the inflation at once: nothing past the cap is ever produced.
      inflater?.destroy()
      listener?.(tooLarge)
      return tooLarge
    }
    chunks.push(c)
    return undefined
  }
  inflater?.on('data', (c: Buffer) => void keep(c))
  inflater?.on('error', (e: Error) => (corrupt ??= e))

  return {
    write(chunk) {
      if (tooLarge) return tooLarge
      wire += chunk.length
      if (wire > limits.wireBytes) {
        tooLarge = new AnswerTooLarge(limits.wireBytes, 'wire')
        inflater?.destroy()
        return tooLarge
      }
      if (!inflater) return keep(chunk)
      inflater.write(chunk)
      return undefined
    },
    onTooLarge(l) {
      listener = l
    },
    end() {
      if (tooLarge) return Promise.reject(tooLarge)
      if (!inflater) return Promise.resolve(Buffer.concat(chunks))
      return new Promise((resolve, reject) => {
        const done = () => {
          if (tooLarge) reject(tooLarge)
          else if (corrupt) reject(new PlatformError('malformed', '医保平台的应答无法解压，结果未知'))
          else resolve(Buffer.concat(chunks))
        }
        if (inflater.destroyed) return done()
        inflater.once('end', done)
        inflater.once('close', done)
        inflater.end()
      })
    },
  }
}
