/**
 * A stand-in for a vendor's credential SDK wrapped as a local plug-in (docs/platform-profiles.md, "The
 * credential plug-in"), run as its own process: POST /credential/read answers {code:0, data:{certType, certNo,
 * cardSn?, idNo?}} or {code, message}. Like the real SDK it decodes a QR code through the gateway's decode
 * service (here the sandbox's, signed with x-tif); "CARD:<id number>" stands for a social-security card in its
 * reader (the sandbox's cards carry the ID number); "REFUSE" and "HTML" answer as a failing SDK would.
 * `{kind:"card", cardType:"03"}` reads the card "in the reader": POST /test/card {certNo} puts one in ({} takes it
 * out); without one it refuses as a reader with no card does.
 * Args: <gateway url> <paasid> <secret>. Prints its own URL on the first line.
 */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { signTifHeaders } from '../../electron/sandbox/http/signature'

const [gateway, paasid, secret] = process.argv.slice(2) as [string, string, string]

/** The social-security card in the stand-in's reader (its number: the sandbox's cards carry the ID number). */
let inReader: string | undefined

const server = createServer((req, res) => {
  let body = ''
  req.on('data', (c: Buffer) => (body += c.toString('utf8')))
  req.on('end', () => {
    void (async () => {
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(json))
      }
      if (req.method === 'POST' && req.url === '/test/card') {
        inReader = (JSON.parse(body) as { certNo?: string }).certNo
        return send(200, { code: 0 })
      }
      if (req.method !== 'POST' || req.url !== '/credential/read') return send(404, { code: 404, message: 'no such call' })
      const ask = JSON.parse(body) as { kind: string; qrCode: string; orgId: string; operatorId: string; operatorName: string; businessType: string }
      if (ask.kind === 'card') {
        if (!inReader) return send(200, { code: 3002, message: '读卡器中没有卡' })
        return send(200, { code: 0, data: { certType: '03', certNo: inReader, cardSn: 'SN' + inReader.slice(-6) } })
      }
      if (ask.qrCode === 'HTML') {
        res.writeHead(500, { 'content-type': 'text/html' })
        return res.end('<html><body>SDK crashed</body></html>')
      }
      if (ask.qrCode === 'REFUSE') return send(200, { code: 3001, message: '读卡器未连接' })
      if (ask.qrCode.startsWith('CARD:'))
        return send(200, { code: 0, data: { certType: '03', certNo: ask.qrCode.slice(5), cardSn: 'SN' + ask.qrCode.slice(-6) } })
      const r = await fetch(`${gateway}/ec/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signTifHeaders(paasid, secret, new Date(), randomUUID()) },
        body: JSON.stringify({
          transType: 'ec.query',
          orgId: ask.orgId,
          data: { qrCode: ask.qrCode, businessType: ask.businessType, operatorId: ask.operatorId, operatorName: ask.operatorName },
        }),
      })
      const ec = (await r.json()) as { code: number; message?: string; data?: { ecToken: string; idNo: string } }
      if (ec.code !== 0 || !ec.data) return send(200, { code: ec.code, message: ec.message ?? '二维码无效' })
      send(200, { code: 0, data: { certType: '01', certNo: ec.data.ecToken, idNo: ec.data.idNo } })
    })()
  })
})
server.listen(0, '127.0.0.1', () => {
  const a = server.address()
  if (a && typeof a === 'object') process.stdout.write(`http://127.0.0.1:${a.port}\n`)
})
