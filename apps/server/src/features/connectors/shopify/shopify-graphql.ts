import type { HttpClient, RequestLimiter } from '../../../platform/http-client/index';

export class ShopifyGraphqlError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ShopifyGraphqlError';
  }
}

interface CostExtension {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

interface GraphqlBody<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cost?: CostExtension };
}

/**
 * Shopify's GraphQL Admin API for one store. Rate limiting follows Shopify's calculated query cost:
 * each query takes its (learned) cost from the store's bucket before it is sent, the bucket is set
 * to what Shopify reports as still available after every answer, and a THROTTLED answer (a 200, or
 * a 429) is retried after `(requested − available) ÷ restoreRate` seconds.
 */
export class ShopifyGraphql {
  /** Starts conservative (older plans); corrected from the first answer's throttleStatus. */
  private bucket = { capacity: 1000, refillPerSecond: 50 };
  private readonly learnedCost = new Map<string, number>();

  constructor(
    private readonly http: HttpClient,
    private readonly limiter: RequestLimiter,
    private readonly bucketKey: string,
  ) {}

  async query<T>(
    operation: string,
    document: string,
    variables: Record<string, unknown>,
    options: { estimatedCost?: number; signal?: AbortSignal } = {},
  ): Promise<T> {
    const cost = this.learnedCost.get(operation) ?? options.estimatedCost ?? 50;
    const response = await this.http.request({
      method: 'POST',
      url: 'graphql.json',
      operation,
      body: { query: document, variables },
      idempotent: true, // queries only: repeating one changes nothing
      limit: { key: this.bucketKey, bucket: this.bucket, cost },
      signal: options.signal,
    });
    const body = response.json<GraphqlBody<T>>();
    const spent = body.extensions?.cost;
    if (spent?.requestedQueryCost) this.learnedCost.set(operation, spent.requestedQueryCost);
    if (spent?.throttleStatus) {
      this.bucket = {
        capacity: spent.throttleStatus.maximumAvailable,
        refillPerSecond: spent.throttleStatus.restoreRate,
      };
      await this.limiter.observe(this.bucketKey, this.bucket, spent.throttleStatus.currentlyAvailable);
    }
    if (body.errors?.length && !body.data) {
      const [first] = body.errors;
      throw new ShopifyGraphqlError(`Shopify ${operation}: ${first!.message}`, first!.extensions?.code);
    }
    if (!body.data) throw new ShopifyGraphqlError(`Shopify ${operation}: no data in the answer`, undefined);
    return body.data;
  }
}

/**
 * The HttpClient verdict for Shopify GraphQL answers: THROTTLED (in a 200, or a 429) is retried
 * after the time the bucket needs to hold the query's cost again.
 */
export function shopifyThrottleVerdict(response: { status: number; text: string; headers: Headers }) {
  if ((response.status !== 200 && response.status !== 429) || !response.text.includes('THROTTLED'))
    return undefined;
  try {
    const body = JSON.parse(response.text) as GraphqlBody<unknown>;
    const cost = body.extensions?.cost;
    const status = cost?.throttleStatus;
    const retryAfter = Number(response.headers.get('retry-after'));
    const delayMs =
      status && cost?.requestedQueryCost
        ? Math.ceil(((cost.requestedQueryCost - status.currentlyAvailable) / status.restoreRate) * 1000) + 50
        : Number.isFinite(retryAfter) && retryAfter > 0
          ? retryAfter * 1000
          : 1000;
    return { retry: true, delayMs: Math.max(50, delayMs), reason: 'throttled', throttled: true };
  } catch {
    return { retry: true, reason: 'throttled', throttled: true };
  }
}
