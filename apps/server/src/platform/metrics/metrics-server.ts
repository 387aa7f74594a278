import { createServer, type Server } from 'node:http';
import type { Logger } from '../logger';
import type { AppMetrics } from './app-metrics';
import type { MetricsAccessCheck } from './metrics-access';

export interface MetricsServer {
  /** The port listened on; null when the port was taken or the server is off. */
  port: number | null;
  close(): Promise<void>;
}

/**
 * A small HTTP server for a process without the API (the worker): `GET /metrics` (also at
 * `/api/metrics`, the path the web process uses) and `GET /health` for liveness. Metrics are never
 * worth stopping the worker for, so a port already in use is logged and the worker runs on.
 */
export async function startMetricsServer(options: {
  metrics: AppMetrics;
  port: number;
  host: string;
  access: MetricsAccessCheck;
  logger: Logger;
}): Promise<MetricsServer> {
  const { metrics, access, logger } = options;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/health') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end('{"status":"ok"}');
      return;
    }
    if (path !== '/metrics' && path !== '/api/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (!access(request.socket.remoteAddress ?? '', request.headers.authorization)) {
      response
        .writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' })
        .end('metrics need the bearer token (METRICS_TOKEN) or an allowed network (METRICS_ALLOWLIST)\n');
      return;
    }
    metrics.render().then(
      ({ contentType, body }) => {
        response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        logger.warn({ err: error }, 'rendering metrics failed');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
      },
    );
  });
  const port = await new Promise<number | null>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      logger.warn(
        { err: error, port: options.port },
        'the metrics endpoint could not listen; the process runs without it (set WORKER_METRICS_PORT)',
      );
      resolve(null);
    });
    server.listen(options.port, options.host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : options.port);
    });
  });
  if (port !== null) logger.info({ port }, 'metrics endpoint listening (/metrics, /health)');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if (port === null) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
