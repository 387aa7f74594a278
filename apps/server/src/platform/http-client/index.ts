/**
 * The HTTP client connectors share (Shopify, Amazon, Unleashed, Xero). See http-client.ts for the
 * behaviour and README.md ("Connectors") for how a connector uses it.
 */
export {
  HttpAbortedError,
  HttpClientError,
  HttpNetworkError,
  HttpRetryBudgetError,
  HttpStatusError,
} from './errors';
export {
  HttpClient,
  type HttpClientHooks,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  type QueryValue,
  type RequestEvent,
  type RequestLimit,
  type ResponseVerdict,
} from './http-client';
export { combineHooks, prometheusHttpHooks } from './metrics';
export {
  backoffWithJitter,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
  sleep,
} from './retry-policy';
export {
  type BucketSpec,
  MemoryRequestLimiter,
  RedisRequestLimiter,
  type RequestLimiter,
} from './token-bucket';
