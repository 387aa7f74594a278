import { auditPage, auditQuery } from '@sentia/contracts';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import type { Principal } from '../identity/principal';
import { actorOf } from '../identity/routes';
import { auditLogToCsv } from './audit-csv';
import { queryAuditLog } from './query-audit-log';
import { recordAudit } from './record-audit';

export function registerAuditRoutes(app: ApiServer, ctx: AppContext): void {
  app.get(
    '/api/admin/audit',
    {
      config: { access: 'admin:audit' },
      schema: {
        tags: ['admin'],
        summary: 'The audit log, newest first; `format=csv` downloads it (the export is itself audited)',
        querystring: auditQuery,
        response: {
          200: z.union([auditPage, z.string().describe('text/csv when format=csv')]),
        },
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const entries = await queryAuditLog(ctx.db, filters);
      reply.header('cache-control', 'no-store');
      if (format === 'csv') {
        await recordAudit(ctx.db, actorOf(request, callerOf<Principal>(request)), {
          action: 'data.exported',
          targetType: 'audit-log',
          after: { filters, rows: entries.length },
        });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="audit-log.csv"')
          .serializer((payload: string) => payload)
          .send(auditLogToCsv(entries));
      }
      const last = entries.at(-1);
      return { entries, nextBefore: entries.length === filters.limit && last ? last.id : null };
    },
  );
}
