import type {
  BankAccountRecord,
  BankBalanceRecord,
  ChannelRecord,
  CustomerRecord,
  InvoiceRecord,
  LocationRecord,
  OrderRecord,
  PaymentRecord,
  ProductionBatchRecord,
  ProductRecord,
  PurchaseOrderRecord,
  StockLevelRecord,
  SupplierRecord,
} from '@sentia/domain';
import type { AppContext } from '../../context';

/**
 * The contract between the sync engine and a connector (Shopify, Amazon, Unleashed, Xero).
 *
 * A connector knows its service: how to authenticate, page through it, and turn its payloads into
 * our records. The engine knows everything else: one run at a time per connector, `sync_runs`
 * bookkeeping and progress, raw payloads kept for replay, records written through the idempotent
 * upserts of features/ingest, cursors stored after each written page (so a crash resumes where the
 * last page ended, with no gap and no duplicate), retries, failure counting and schedules.
 */
export interface ConnectorDefinition {
  /** Stable id used in URLs, `sync_runs.connector` and cursors: `shopify`, `amazon`, … */
  name: string;
  label: string;
  /** One line for the Connections page: what the connector brings in. */
  description: string;
  /** What it syncs, in words (`orders`, `products`, `inventory`). */
  entities: readonly string[];
  /** How often the scheduled (incremental) sync runs; once per period however many workers run. */
  schedule: { everyMs: number; label: string };
  /** The fields an admin may enter on the Connections page (env variables supply the same). */
  credentialFields: readonly CredentialField[];
  /** Whether a local simulator can stand in for the service (a sandbox connection). */
  sandboxAvailable: boolean;
  /** Whether it is set up, and from where. Cheap: called for every page view. */
  configuration(ctx: AppContext): Promise<ConnectorConfiguration>;
  /** Builds the clients for one run; throws when not configured. */
  open(ctx: AppContext, options: { signal: AbortSignal }): Promise<ConnectorSession>;
  /**
   * Payloads (as kept in `raw_payloads`) → records. Kept apart from fetching so a run's raw
   * payloads can be replayed through the same code. May read the database (catalogue merges).
   */
  toRecords(ctx: AppContext, entity: string, payloads: readonly unknown[]): Promise<PageRecords>;
}

export interface CredentialField {
  key: string;
  label: string;
  /** Secret values are never sent back to the browser, only whether they are set. */
  secret: boolean;
  /** The environment variable that supplies it when nothing is entered in the app. */
  env?: string;
  help?: string;
  placeholder?: string;
}

export interface ConnectorConfiguration {
  /** `sandbox`: pointed at the local simulator serving the demo business. */
  state: 'not_configured' | 'configured' | 'sandbox';
  /** Where the credentials come from. */
  source: 'environment' | 'app' | 'sandbox' | null;
  /** What is missing, or what is connected ("3 stores: UK, EU, US"). */
  detail: string;
}

export type SyncMode = 'full' | 'incremental';

export interface SyncOptions {
  mode: SyncMode;
  /** Stored cursors by scope (each connector defines its scopes and cursor format). */
  cursors: ReadonlyMap<string, string>;
  signal: AbortSignal;
}

/** A connection opened for one run. */
export interface ConnectorSession {
  /** `sync_runs` and records are tagged with it: the service name, or `demo` for a sandbox. */
  source: string;
  /**
   * The run, page by page. The engine writes each page (raw payloads, records, cursor) in one
   * transaction before asking for the next, so the connector must only put a cursor on a page
   * once everything before it is in that page or an earlier one.
   */
  pages(options: SyncOptions): AsyncIterable<SyncPage>;
  close?(): Promise<void>;
}

export interface SyncPage {
  /** The stream the page belongs to (e.g. `orders:sentia-uk.myshopify.com`): its cursor's key. */
  scope: string;
  /** What the payloads are, for raw_payloads and toRecords: `order`, `variant`, `inventory`. */
  entity: string;
  payloads: { externalId?: string; payload: unknown }[];
  /** Stored for `scope` once the page is written; undefined leaves the stored cursor as it is. */
  cursor?: string;
  /** Share of the whole run done after this page, 0–1, when the connector can tell. */
  progress?: number;
}

/** Records by kind, written in dependency order (master data before what refers to it). */
export interface RecordBatch {
  suppliers?: SupplierRecord[];
  products?: ProductRecord[];
  channels?: ChannelRecord[];
  locations?: LocationRecord[];
  customers?: CustomerRecord[];
  bankAccounts?: BankAccountRecord[];
  orders?: OrderRecord[];
  stockLevels?: StockLevelRecord[];
  purchaseOrders?: PurchaseOrderRecord[];
  productionBatches?: ProductionBatchRecord[];
  invoices?: InvoiceRecord[];
  payments?: PaymentRecord[];
  bankBalances?: BankBalanceRecord[];
}

export interface PageRecords {
  records: RecordBatch;
  /** Payloads that could not become records, with the reason (counted as rejected). */
  rejections: { key: string; reason: string }[];
  /** Payloads deliberately not written (e.g. Amazon pending orders without prices yet). */
  skipped?: { key: string; reason: string }[];
}

export class ConnectorNotConfiguredError extends Error {
  constructor(connector: string, detail: string) {
    super(`${connector} is not configured: ${detail}`);
    this.name = 'ConnectorNotConfiguredError';
  }
}
