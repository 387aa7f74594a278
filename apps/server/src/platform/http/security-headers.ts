import helmet from '@fastify/helmet';
import type { ApiServer } from './create-server';

/**
 * Security headers on every response: HSTS for two years with subdomains, a CSP without
 * `unsafe-eval` (scripts only from this origin), no MIME sniffing, no framing, a strict referrer
 * policy. Behind a proxy that reports plain HTTP, production redirects to HTTPS (health checks
 * excepted, since load balancers probe over HTTP).
 */
export async function registerSecurityHeaders(
  app: ApiServer,
  options: { production: boolean },
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 63_072_000, includeSubDomains: true, preload: true },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  if (options.production) {
    app.addHook('onRequest', async (request, reply) => {
      if (request.headers['x-forwarded-proto'] === 'http' && request.url !== '/api/health') {
        return reply.redirect(`https://${request.hostname}${request.url}`, 301);
      }
    });
  }
}
