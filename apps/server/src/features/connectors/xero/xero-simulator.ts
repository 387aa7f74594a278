import { createHmac } from 'node:crypto';
import {
  formatDotNetDate,
  parseDotNetDate,
  type XeroInvoice,
  type XeroPayment,
  type XeroWebhookEvent,
} from '@sentia/domain';
import { type SimRequest, type SimResponse, SimulatorServer } from '../common/simulator-server';
import { SimAuth, type SimAuthOptions } from './xero-sim-auth';
import { balanceSheet } from './xero-sim-reports';

/**
 * A local stand-in for Xero (integration-contracts.md §4.12): the OAuth 2.0 token endpoint and
 * consent screen (codes, rotating refresh tokens with a grace period, 30-minute access tokens;
 * `invalid_grant` when a token is dead), `/connections`, and the Accounting API resources the
 * connector reads — Organisation, Invoices, Payments and the Balance Sheet report — with Bearer and
 * `xero-tenant-id` checks (401 for a bad or expired token, 403 for a tenant the token cannot
 * reach), `page`/`pageSize`/`order`/`Statuses`/`IDs`/simple `where` and `If-Modified-Since`,
 * `/Date(ms+0000)/` dates, per-tenant minute and day limits with `X-*-Remaining` headers and 429 +
 * Retry-After + X-Rate-Limit-Problem, and webhooks signed with the webhook key.
 */
export interface XeroSimTenant {
  tenantId: string;
  name: string;
  baseCurrency: string;
  invoices: XeroInvoice[];
  payments: XeroPayment[];
  /** Bank accounts with their balance in the base currency (decimal text, as the report prints it). */
  bankAccounts: { AccountID: string; Name: string; balance: string }[];
  /** Inventory on the balance sheet (decimal text); 0 when absent. */
  inventory?: string;
}

export interface XeroSimulatorOptions extends SimAuthOptions {
  webhookKey: string;
  tenants: XeroSimTenant[];
  /** Calls per tenant per minute (Xero: 60) and per day (5,000); tests shorten the minute. */
  limits?: { minute?: number; day?: number; minuteMs?: number };
}

const API = '/api.xro/2.0/';

export class XeroSimulator {
  readonly server: SimulatorServer;
  readonly auth: SimAuth;
  private readonly calls = new Map<string, { minuteStart: number; minute: number; day: number }>();
  /** Called before each API request is answered (tests look at the database at that moment). */
  onApiRequest: ((req: SimRequest) => Promise<void> | void) | null = null;

  constructor(private readonly options: XeroSimulatorOptions) {
    this.auth = new SimAuth(options);
    this.server = new SimulatorServer((req) => this.handle(req));
  }

  start(port?: number): Promise<string> {
    return this.server.start(port);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get url(): string {
    return this.server.url;
  }

  get urls() {
    return {
      tokenUrl: `${this.url}/connect/token`,
      connectionsUrl: `${this.url}/connections`,
      apiUrl: `${this.url}${API}`,
      authorizeUrl: `${this.url}/identity/connect/authorize`,
    };
  }

  tenant(tenantId: string): XeroSimTenant {
    const tenant = this.options.tenants.find((t) => t.tenantId === tenantId);
    if (!tenant) throw new Error(`no simulated tenant ${tenantId}`);
    return tenant;
  }

  /** Adds or changes an invoice as a bookkeeper would; its UpdatedDateUTC becomes `at`. */
  upsertInvoice(tenantId: string, invoice: XeroInvoice, at: Date = new Date()): XeroInvoice {
    const list = this.tenant(tenantId).invoices;
    const stamped = { ...invoice, UpdatedDateUTC: formatDotNetDate(at, true) };
    const i = list.findIndex((x) => x.InvoiceID === invoice.InvoiceID);
    if (i >= 0) list[i] = stamped;
    else list.push(stamped);
    return stamped;
  }

  /**
   * Delivers a webhook as Xero does: POST of the raw JSON with `x-xero-signature` = base64
   * HMAC-SHA256 of the body under the webhook key (`signWith` overrides it, for forged deliveries).
   */
  async sendWebhook(
    url: string,
    events: XeroWebhookEvent[],
    options: {
      firstEventSequence?: number;
      lastEventSequence?: number;
      signWith?: string;
      body?: string;
    } = {},
  ): Promise<Response> {
    const body =
      options.body ??
      JSON.stringify({
        events,
        firstEventSequence: options.firstEventSequence ?? (events.length > 0 ? 1 : 0),
        lastEventSequence: options.lastEventSequence ?? events.length,
        entropy: Math.random().toString(36).slice(2, 16).toUpperCase(),
      });
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-xero-signature': signXeroWebhook(options.signWith ?? this.options.webhookKey, body),
      },
      body,
    });
  }

  /**
   * "Intent to receive": Xero posts a correctly signed and a deliberately mis-signed payload with
   * no events, and activates the subscription only if the answers are 200 and 401.
   */
  async intentToReceive(url: string): Promise<{ signed: number; misSigned: number; bodies: string[] }> {
    const body = JSON.stringify({
      events: [],
      firstEventSequence: 0,
      lastEventSequence: 0,
      entropy: 'S0m3r4Nd0mt3xt',
    });
    const signed = await this.sendWebhook(url, [], { body });
    const misSigned = await this.sendWebhook(url, [], { body, signWith: `${this.options.webhookKey}-wrong` });
    return {
      signed: signed.status,
      misSigned: misSigned.status,
      bodies: [await signed.text(), await misSigned.text()],
    };
  }

  /** An invoice event for this tenant, as a delivery lists it. */
  invoiceEvent(tenantId: string, invoiceId: string, eventType = 'UPDATE', at = new Date()): XeroWebhookEvent {
    return {
      resourceUrl: `https://api.xero.com/api.xro/2.0/Invoices/${invoiceId}`,
      resourceId: invoiceId,
      eventDateUtc: at.toISOString().replace('Z', ''),
      eventType,
      eventCategory: 'INVOICE',
      tenantId,
      tenantType: 'ORGANISATION',
    };
  }

  private async handle(req: SimRequest): Promise<SimResponse> {
    if (req.method === 'GET' && req.path === '/identity/connect/authorize') return this.authorize(req);
    if (req.method === 'POST' && req.path === '/connect/token') {
      const result = this.auth.token(header(req, 'authorization'), new URLSearchParams(req.body));
      if (!result.ok) return { status: result.status, body: { error: result.error } };
      return { status: 200, body: result.body };
    }
    const bearer = this.auth.bearer(header(req, 'authorization'));
    if (!bearer.ok) {
      return {
        status: 401,
        body: {
          Type: null,
          Title: 'Unauthorized',
          Status: 401,
          Detail: 'AuthenticationUnsuccessful',
          Instance: 'sim',
          Extensions: {},
        },
      };
    }
    if (req.method === 'GET' && req.path === '/connections') {
      return {
        status: 200,
        body: bearer.tenantIds.map((tenantId) => ({
          id: `conn-${tenantId}`,
          tenantId,
          authEventId: '00000000-0000-0000-0000-000000000000',
          tenantType: 'ORGANISATION',
          tenantName: this.tenant(tenantId).name,
          createdDateUtc: '2024-01-10T08:15:30.0000000',
          updatedDateUtc: '2024-02-05T11:22:45.0000000',
        })),
      };
    }
    if (req.method === 'DELETE' && req.path.startsWith('/connections/')) {
      this.auth.revokeAll();
      return { status: 204, body: '' };
    }
    if (!req.path.startsWith(API)) return { status: 404, body: 'Not found' };
    const tenantId = header(req, 'xero-tenant-id');
    if (!tenantId || !bearer.tenantIds.includes(tenantId)) {
      return {
        status: 403,
        body: { title: 'Forbidden', status: 403, detail: 'AuthenticationUnsuccessful', instance: 'sim' },
      };
    }
    const limited = this.count(tenantId);
    if ('status' in limited) return limited;
    await this.onApiRequest?.(req);
    const answer = this.api(this.tenant(tenantId), req);
    return { ...answer, headers: { ...answer.headers, ...limited.headers } };
  }

  private authorize(req: SimRequest): SimResponse {
    const redirectUri = req.query.get('redirect_uri') ?? '';
    if (req.query.get('client_id') !== this.options.clientId || !redirectUri) {
      return { status: 400, body: { error: 'invalid_request' } };
    }
    // Consent given at once, for every organisation.
    const code = this.auth.issueCode(
      this.options.tenants.map((t) => t.tenantId),
      redirectUri,
    );
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', req.query.get('state') ?? '');
    return { status: 302, headers: { location: target.toString() }, body: '' };
  }

  private count(tenantId: string): { headers: Record<string, string> } | SimResponse {
    const minuteLimit = this.options.limits?.minute ?? 60;
    const dayLimit = this.options.limits?.day ?? 5000;
    const minuteMs = this.options.limits?.minuteMs ?? 60_000;
    const now = this.auth.now();
    const c = this.calls.get(tenantId) ?? { minuteStart: now, minute: 0, day: 0 };
    this.calls.set(tenantId, c);
    if (now - c.minuteStart >= minuteMs) {
      c.minuteStart = now;
      c.minute = 0;
    }
    if (c.day >= dayLimit) {
      return {
        status: 429,
        headers: { 'retry-after': '43200', 'x-rate-limit-problem': 'day' },
        body: 'Rate limit exceeded',
      };
    }
    if (c.minute >= minuteLimit) {
      const wait = Math.max(1, Math.ceil((c.minuteStart + minuteMs - now) / 1000));
      return {
        status: 429,
        headers: { 'retry-after': String(wait), 'x-rate-limit-problem': 'minute' },
        body: 'Rate limit exceeded',
      };
    }
    c.minute++;
    c.day++;
    return {
      headers: {
        'x-daylimit-remaining': String(dayLimit - c.day),
        'x-minlimit-remaining': String(minuteLimit - c.minute),
        'x-appminlimit-remaining': '9999',
      },
    };
  }

  private api(tenant: XeroSimTenant, req: SimRequest): SimResponse {
    const resource = req.path.slice(API.length);
    const envelope = {
      Id: 'sim',
      Status: 'OK',
      ProviderName: 'Sentia',
      DateTimeUTC: formatDotNetDate(new Date()),
    };
    if (resource === 'Organisation') {
      return {
        status: 200,
        body: {
          ...envelope,
          Organisations: [
            { OrganisationID: tenant.tenantId, Name: tenant.name, BaseCurrency: tenant.baseCurrency },
          ],
        },
      };
    }
    if (resource === 'Reports/BalanceSheet')
      return { status: 200, body: { ...envelope, Reports: [balanceSheet(tenant, req)] } };
    const [name, id] = resource.split('/');
    const list = name === 'Invoices' ? tenant.invoices : name === 'Payments' ? tenant.payments : null;
    if (!list) return { status: 404, body: 'The resource you are looking for could not be found' };
    const idField = name === 'Invoices' ? 'InvoiceID' : 'PaymentID';
    let items = (list as unknown as Record<string, unknown>[]).slice();
    if (id) items = items.filter((i) => i[idField] === id);
    const since = header(req, 'if-modified-since');
    if (since) {
      const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(since) ? since : `${since}Z`);
      if (Number.isNaN(ms)) return { status: 400, body: validation('If-Modified-Since is not a date') };
      // Accurate to the second: anything modified in or after the given second.
      items = items.filter((i) => Math.floor(updated(i) / 1000) * 1000 >= ms);
    }
    const ids = req.query.get('IDs');
    if (ids) {
      const wanted = new Set(ids.split(','));
      items = items.filter((i) => wanted.has(i[idField] as string));
    }
    const statuses = req.query.get('Statuses');
    if (statuses) items = items.filter((i) => statuses.split(',').includes(i.Status as string));
    const where = req.query.get('where');
    if (where) {
      const match = /^\s*Type\s*==\s*"(\w+)"\s*$/.exec(where);
      if (!match) return { status: 400, body: validation(`Unsupported where clause: ${where}`) };
      items = items.filter((i) => i.Type === match[1]);
    }
    const order = req.query.get('order');
    if (order) {
      const [field, direction] = order.trim().split(/\s+/);
      const sign = direction?.toUpperCase() === 'DESC' ? -1 : 1;
      items.sort((a, b) => {
        const ka = field === 'UpdatedDateUTC' ? updated(a) : String(a[field!] ?? '');
        const kb = field === 'UpdatedDateUTC' ? updated(b) : String(b[field!] ?? '');
        return (ka < kb ? -1 : ka > kb ? 1 : String(a[idField]) < String(b[idField]) ? -1 : 1) * sign;
      });
    }
    const pageText = req.query.get('page');
    const pageSize = Number(req.query.get('pageSize') ?? 100);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
      return { status: 400, body: validation('pageSize must be between 1 and 1000') };
    }
    const page = pageText === null ? null : Number(pageText);
    const shown = page === null ? items : items.slice((page - 1) * pageSize, page * pageSize);
    return {
      status: 200,
      body: {
        ...envelope,
        ...(page === null
          ? {}
          : {
              pagination: {
                page,
                pageSize,
                pageCount: Math.ceil(items.length / pageSize),
                itemCount: items.length,
              },
            }),
        [name!]: shown,
      },
    };
  }
}

/** base64 HMAC-SHA256 of the raw body under the webhook key (integration-contracts.md §4.10). */
export function signXeroWebhook(key: string, body: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('base64');
}

function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function updated(item: Record<string, unknown>): number {
  return parseDotNetDate((item.UpdatedDateUTC as string | null) ?? null)?.getTime() ?? 0;
}

function validation(message: string) {
  return {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: [{ ValidationErrors: [{ Message: message }] }],
  };
}
