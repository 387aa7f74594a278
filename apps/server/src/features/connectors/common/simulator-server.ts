import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The plumbing every service simulator shares: a real HTTP server on 127.0.0.1, a log of the
 * requests it answered (tests assert on what the client really sent), and faults a test (or the
 * sandbox settings) can inject — HTTP errors with headers, slow answers, dropped connections.
 */
export interface SimRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Answer only after `ms` (a client with a shorter timeout gives up). */
  | { kind: 'delay'; ms: number }
  /** Close the connection without answering. */
  | { kind: 'drop' };

export interface LoggedRequest extends SimRequest {
  status: number;
  at: number;
}

export class SimulatorServer {
  readonly log: LoggedRequest[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private faults: { match: (req: SimRequest) => boolean; fault: Fault; remaining: number }[] = [];
  private baseUrlValue = '';

  constructor(private readonly handle: (req: SimRequest) => Promise<SimResponse> | SimResponse) {}

  get url(): string {
    if (!this.baseUrlValue) throw new Error('the simulator is not started');
    return this.baseUrlValue;
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.serve(req, res).catch((error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ code: 'InternalFailure', message: String(error) }] }));
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    // A sandbox simulator inside the app must not keep the process alive on shutdown.
    this.server.unref();
    this.baseUrlValue = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrlValue;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server!.close(resolve));
    this.server = undefined;
  }

  /** The next `times` requests matching `match` (default: any) get `fault` instead of an answer. */
  inject(fault: Fault, options: { times?: number; match?: (req: SimRequest) => boolean } = {}): void {
    this.faults.push({ fault, remaining: options.times ?? 1, match: options.match ?? (() => true) });
  }

  clearFaults(): void {
    this.faults = [];
  }

  requests(filter: (r: LoggedRequest) => boolean = () => true): LoggedRequest[] {
    return this.log.filter(filter);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://simulator');
    const request: SimRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const injected = this.faults.find((f) => f.remaining > 0 && f.match(request));
    if (injected) {
      injected.remaining--;
      this.faults = this.faults.filter((f) => f.remaining > 0);
      if (injected.fault.kind === 'drop') {
        this.log.push({ ...request, status: 0, at: Date.now() });
        req.socket.destroy();
        return;
      }
      if (injected.fault.kind === 'delay') {
        await new Promise((r) => setTimeout(r, (injected.fault as { ms: number }).ms));
      } else {
        const { status, headers, body } = injected.fault;
        this.send(res, request, {
          status,
          headers,
          body: body ?? { errors: [{ message: `injected ${status}` }] },
        });
        return;
      }
    }
    this.send(res, request, await this.handle(request));
  }

  private send(res: ServerResponse, request: SimRequest, response: SimResponse): void {
    this.log.push({ ...request, status: response.status, at: Date.now() });
    if (res.destroyed) return;
    const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? {});
    res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
    res.end(body);
  }
}

/** A token bucket on the server side: the simulated service's own rate limit. */
export class SimBucket {
  private tokens: number;
  private at = Date.now();

  constructor(
    public capacity: number,
    public refillPerSecond: number,
  ) {
    this.tokens = capacity;
  }

  available(): number {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.refillPerSecond);
    this.at = now;
    return this.tokens;
  }

  /** Takes `cost` if available; otherwise returns how many ms until it would be. */
  take(cost = 1): { ok: true } | { ok: false; waitMs: number } {
    const available = this.available();
    if (available >= cost) {
      this.tokens -= cost;
      return { ok: true };
    }
    return { ok: false, waitMs: Math.ceil(((cost - available) / this.refillPerSecond) * 1000) };
  }
}

/** Opaque page tokens as services hand them out: base64 JSON the client must pass back unchanged. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(token: string): T | null {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    return null;
  }
}
