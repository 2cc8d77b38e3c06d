import { demoCatalogItems, demoStoreItemsCsv } from './demo/catalog'
import { DEMO_PEOPLE } from './demo/people'
import { DEMO_POLICIES } from './demo/policies'
import { issueQrCode } from './domain/credentials'
import { startSandbox } from './index'
import { startPaySandbox } from './pay/pay-server'

/**
 * The simulator as the product's training platform (the core's `TrainingPlatform` port, checked where a
 * shell hands it to `createCore`): started inside the app with the demo people and stores.
 */
export function trainingPlatform() {
  return {
    async start(dataDir: string) {
      const sandbox = await startSandbox({ port: 0, dataDir, seed: 'demo' })
      const pay = await startPaySandbox({ dataDir })
      return {
        payments: { url: pay.url, merchantId: pay.merchantId, key: pay.key },
        url: sandbox.url,
        paasid: sandbox.paasid,
        secret: sandbox.secret,
        practiceCode(person: string, now: Date): { name: string; qrCode: string } {
          if (!Object.hasOwn(DEMO_PEOPLE, person)) throw new Error(`no demo person ${person} in the training platform`)
          const demo = DEMO_PEOPLE[person as keyof typeof DEMO_PEOPLE]
          return { name: demo.name, qrCode: issueQrCode(sandbox.db, demo.psn_no, now).qrcode }
        },
        close: async () => {
          await pay.close()
          await sandbox.close()
        },
      }
    },
    catalog: () => ({ nationalItems: demoCatalogItems(), storeItemsCsv: demoStoreItemsCsv() }),
    policies: () => DEMO_POLICIES,
  }
}
