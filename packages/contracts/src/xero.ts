import { z } from 'zod';

/** `POST /api/connectors/xero/authorize`: where to send the admin to give consent in Xero. */
export const xeroAuthorizeResponse = z.object({
  url: z.url(),
  /** The redirect URI the Xero app must list (the consent comes back to it). */
  redirectUri: z.url(),
});
export type XeroAuthorizeResponse = z.infer<typeof xeroAuthorizeResponse>;

/** `GET /api/connectors/xero/callback`: Xero's redirect after consent. */
export const xeroCallbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
  scope: z.string().max(2000).optional(),
  session_state: z.string().max(2000).optional(),
});

/** `POST /api/connectors/xero/disconnect`. */
export const xeroDisconnectResponse = z.object({
  disconnected: z.boolean(),
  tenantName: z.string().nullable(),
});

/** `GET /api/connectors/xero/balance-sheet`: liquidity from the latest Balance Sheet a sync read. */
export const xeroBalanceSheetResponse = z.object({
  asOf: z.iso.date(),
  source: z.string(),
  readAt: z.string(),
  currency: z.string().length(3),
  bankMinor: z.number().int(),
  currentAssetsMinor: z.number().int(),
  inventoryMinor: z.number().int(),
  currentLiabilitiesMinor: z.number().int(),
  currentRatio: z.number().nullable(),
  quickRatio: z.number().nullable(),
});
export type XeroBalanceSheetResponse = z.infer<typeof xeroBalanceSheetResponse>;
