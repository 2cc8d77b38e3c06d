import type { CatalogItem } from '../catalog/schemas'
import { yuan } from '../money/money'

/**
 * What makes a cart checkout-able, written once for the core (which enforces it when it opens the sale) and
 * the counter's screen (which points at the line to fix before asking).
 */

type RuleItem = Pick<CatalogItem, 'insuredEligible' | 'kind'>

/** Whether a line goes to the platform: an identified member and an item the catalog says is insurable. */
export const isInsuredItem = (item: Pick<CatalogItem, 'insuredEligible'>, hasMember: boolean) => hasMember && item.insuredEligible

/**
 * The traceability codes an insured drug's line needs: one per box, at least one when part of a box is sold.
 * 拆零 needs one per box the sale opens, which only the stock knows: the caller passes `boxesOpened`.
 */
export function traceCodesNeeded(item: RuleItem, hasMember: boolean, qty: string, boxesOpened?: number): number {
  if (!isInsuredItem(item, hasMember) || item.kind !== 'drug') return 0
  if (boxesOpened !== undefined) return boxesOpened
  const boxes = yuan(qty)
  return boxes.isInteger() ? boxes.toNumber() : 1
}

/** A prescription drug is sold only with its prescription registered. */
export const needsPrescription = (items: { rxFlag?: boolean }[]) => items.some((i) => i.rxFlag)
