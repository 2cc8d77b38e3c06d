import { z } from 'zod'
import type { CATALOG_EVENTS } from './names'
import { CatalogOverviewSchema, ImportOutcomeSchema, ImportProgressEventSchema } from './schemas'

export const catalogEvents = {
  catalogImportProgress: ImportProgressEventSchema,
  catalogImportEnded: ImportOutcomeSchema,
  /** A list went live (or the training catalog was removed): searches now answer from it. */
  catalogChanged: z.object({ overview: CatalogOverviewSchema }),
} satisfies Record<(typeof CATALOG_EVENTS)[number], z.ZodType>
