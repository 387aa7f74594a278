import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiServer } from './create-server';
import { handleNotFound, sendProblem } from './problem';

/** The built React app (apps/web/dist), wherever the server runs from. */
export function webAppDirectory(): string {
  const webPackage = createRequire(import.meta.url).resolve('@sentia/web/package.json');
  return path.join(path.dirname(webPackage), 'dist');
}

/**
 * Serves the built dashboard: hashed assets are immutable for a year, index.html is revalidated on
 * every load so a deploy is picked up at once; unknown non-API paths get index.html (client routing).
 * The build writes brotli and gzip copies of text assets (vite.config.ts); a browser that accepts
 * one gets it (`Vary: Accept-Encoding`), anything else the original file.
 */
export async function serveWebApp(app: ApiServer, root = webAppDirectory()): Promise<void> {
  const built = existsSync(path.join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      wildcard: true,
      index: ['index.html'],
      preCompressed: true,
      setHeaders(res, servedPath) {
        // The served file may be a compressed copy (index.html.br): its policy is the original's.
        const filePath = servedPath.replace(/\.(br|gz)$/, '');
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          res.header('cache-control', 'public, max-age=31536000, immutable');
        } else if (filePath.endsWith('.html')) {
          res.header('cache-control', 'no-cache');
        } else {
          res.header('cache-control', 'public, max-age=3600');
        }
      },
    });
  }
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api') &&
      !path.extname(request.url.split('?')[0] ?? '');
    if (!isPage) return handleNotFound(request, reply);
    if (!built) {
      return sendProblem(reply, request, {
        type: '/problems/web-app-not-built',
        title: 'The dashboard has not been built',
        status: 503,
        detail: 'Run `npm run build` (npm start does it for you), then reload.',
      });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
