import { z } from 'zod';

/** `POST /api/connectors/unleashed/purchase-orders`: approved proposals placed as parked orders in Unleashed. */
export const unleashedPlacementResponse = z.object({
  placed: z.array(
    z.object({
      orderNumber: z.string(),
      guid: z.string(),
      /** False when Unleashed already had the order (placed by an earlier attempt; never placed twice). */
      created: z.boolean(),
      supplierCode: z.string(),
      proposalIds: z.array(z.number().int()),
      currency: z.string().length(3),
      totalMinor: z.number().int(),
    }),
  ),
  notPlaced: z.array(
    z.object({
      proposalIds: z.array(z.number().int()),
      supplierCode: z.string().nullable(),
      reason: z.string(),
    }),
  ),
});
export type UnleashedPlacementResponse = z.infer<typeof unleashedPlacementResponse>;
