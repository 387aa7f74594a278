import { queryRows, schema } from '@sentia/db';
import type { ShopifyGqlOrder, ShopifyShop } from '@sentia/domain';
import { gidTail } from '@sentia/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { bumpDataVersion } from '../../platform/cache/data-version';
import { PermanentJobError } from '../../platform/jobs/job-definition';
import { enqueueSalesRefreshIfStale } from '../analytics/jobs';
import { shopifyGraphql, shopifyRecords } from '../connectors/shopify/shopify-connector';
import type { StorePayloadContext } from '../connectors/shopify/shopify-pages';
import { LINES_PAGE_SIZE } from '../connectors/shopify/shopify-pages';
import { ORDER_QUERY, SHOP_QUERY } from '../connectors/shopify/shopify-queries';
import { SANDBOX_SHOPIFY_TOKEN, sandboxShopUrl } from '../connectors/shopify/shopify-sandbox';
import { readShopifySettings, type ShopifyStoreSettings } from '../connectors/shopify/shopify-settings';
import { writeRecords } from '../sync/write-records';

/** Topics whose body is the order itself (REST JSON). */
const ORDER_TOPICS = new Set([
  'orders/create',
  'orders/updated',
  'orders/paid',
  'orders/cancelled',
  'orders/fulfilled',
  'orders/partially_fulfilled',
]);

export type WebhookOutcome = { status: 'processed' | 'ignored' | 'failed'; detail: string };

/**
 * Turns a recorded Shopify delivery into records, on the worker. Order topics carry the order:
 * it is normalised and upserted exactly as a sync would, and its `updated_at` decides against what
 * is stored — an older delivery arriving after a newer one changes nothing. A refund carries only
 * the order's id, so the order is fetched. Other topics (products, inventory) are left to the
 * 15-minute catch-up sync. The raw body is kept for replay.
 */
export async function processShopifyWebhook(ctx: AppContext, deliveryId: string): Promise<WebhookOutcome> {
  const [receipt] = await queryRows<{
    topic: string;
    status: string;
    shop: string;
    body: unknown;
    order_id: string | null;
  }>(
    ctx.db,
    sql`select topic, status, payload->>'shopDomain' as shop, payload->'body' as body,
               payload->'body'->>'order_id' as order_id
        from webhook_receipts where provider = 'shopify' and delivery_id = ${deliveryId}`,
  );
  if (!receipt) throw new PermanentJobError(`no Shopify delivery ${deliveryId}`);
  if (receipt.status !== 'received') return { status: 'ignored', detail: `already ${receipt.status}` };

  const outcome = await handle(ctx, receipt).catch(async (error: unknown) => {
    if (error instanceof PermanentJobError) return { status: 'failed' as const, detail: error.message };
    throw error;
  });
  await ctx.db
    .update(schema.webhookReceipts)
    .set({
      status: outcome.status === 'failed' ? 'failed' : 'processed',
      processedAt: sql`now()`,
      error: outcome.status === 'processed' ? null : outcome.detail,
    })
    .where(
      and(eq(schema.webhookReceipts.provider, 'shopify'), eq(schema.webhookReceipts.deliveryId, deliveryId)),
    );
  return outcome;
}

async function handle(
  ctx: AppContext,
  receipt: { topic: string; shop: string; body: unknown; order_id: string | null },
): Promise<WebhookOutcome> {
  if (!ORDER_TOPICS.has(receipt.topic) && receipt.topic !== 'refunds/create') {
    return { status: 'ignored', detail: `${receipt.topic} is covered by the scheduled catch-up sync` };
  }
  const settings = await readShopifySettings(ctx);
  const found = settings.stores.find((s) => s.domain === receipt.shop?.toLowerCase());
  if (!found) throw new PermanentJobError(`webhook from ${receipt.shop}, which is not a connected store`);
  const store = settings.sandbox
    ? {
        ...found,
        token: SANDBOX_SHOPIFY_TOKEN,
        baseUrl: await sandboxShopUrl(ctx, settings.sandbox, found.domain),
      }
    : found;
  const context = await storeContext(ctx, store, settings.source);

  let entity: 'order' | 'order-rest';
  let order: unknown;
  let externalId: string;
  if (receipt.topic === 'refunds/create') {
    if (!receipt.order_id) throw new PermanentJobError('refunds/create without order_id');
    const fetched = await shopifyGraphql(ctx, store).query<{ order: ShopifyGqlOrder | null }>(
      'Order',
      ORDER_QUERY,
      {
        id: `gid://shopify/Order/${receipt.order_id}`,
        lineFirst: LINES_PAGE_SIZE,
      },
    );
    if (!fetched.order) throw new PermanentJobError(`order ${receipt.order_id} not found at ${store.domain}`);
    entity = 'order';
    order = fetched.order;
    externalId = gidTail(fetched.order.id);
  } else {
    entity = 'order-rest';
    order = receipt.body;
    externalId = gidTail(
      String((receipt.body as { admin_graphql_api_id?: string }).admin_graphql_api_id ?? ''),
    );
  }

  const payload = { store: context, order };
  const written = await ctx.db.transaction(async (transaction) => {
    const tx = transaction as unknown as AppContext['db'];
    await tx.insert(schema.rawPayloads).values({ connector: 'shopify', entity, externalId, payload });
    const converted = await shopifyRecords({ ...ctx, db: tx }, entity, [payload]);
    if (converted.rejections.length > 0) return { rejected: converted.rejections[0]!.reason, written: 0 };
    const result = await writeRecords(tx, converted.records);
    if (result.total.rejections.length > 0)
      return { rejected: result.total.rejections[0]!.reason, written: 0 };
    return { rejected: null, written: result.total.written };
  });
  if (written.rejected) return { status: 'failed', detail: `order ${externalId}: ${written.rejected}` };
  if (written.written > 0) {
    // Cached figures built on the old data go stale, as after a sync.
    await bumpDataVersion(ctx, 'webhook.shopify');
    await enqueueSalesRefreshIfStale(ctx);
  }
  return {
    status: 'processed',
    detail:
      written.written > 0
        ? `order ${externalId} written`
        : `order ${externalId}: a newer version is already stored`,
  };
}

/** The store's currency and time zone, from its last synced shop record, else asked of Shopify. */
async function storeContext(
  ctx: AppContext,
  store: ShopifyStoreSettings,
  source: string,
): Promise<StorePayloadContext> {
  const [kept] = await queryRows<{ payload: { store: StorePayloadContext } }>(
    ctx.db,
    sql`select payload from raw_payloads where connector = 'shopify' and entity = 'shop' and external_id = ${store.domain}
        order by id desc limit 1`,
  );
  if (kept) return { ...kept.payload.store, source };
  const { shop } = await shopifyGraphql(ctx, store).query<{ shop: ShopifyShop }>('Shop', SHOP_QUERY, {});
  return {
    region: store.region,
    domain: store.domain,
    channelCode: store.channelCode,
    currency: shop.currencyCode,
    timeZone: shop.ianaTimezone,
    source,
    shopName: shop.name,
  };
}
