import { z } from 'zod';
import type { AppContext } from '../../context';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import type { Principal } from '../identity/principal';
import { actorOf } from '../identity/routes';
import { auditLogToCsv } from './audit-csv';
import { queryAuditLog } from './query-audit-log';
import { recordAudit } from './record-audit';

const entryView = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export function registerAuditRoutes(app: ApiServer, ctx: AppContext): void {
  app.get(
    '/api/admin/audit',
    {
      config: { access: 'admin:audit' },
      schema: {
        tags: ['admin'],
        summary: 'The audit log, newest first; `format=csv` downloads it (the export is itself audited)',
        querystring: z.object({
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          actor: z.string().max(254).optional(),
          action: z.string().max(100).optional(),
          targetId: z.string().max(200).optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(10_000).default(100),
          format: z.enum(['json', 'csv']).default('json'),
        }),
        response: {
          200: z.union([
            z.object({ entries: z.array(entryView), nextBefore: z.number().int().nullable() }),
            z.string().describe('text/csv when format=csv'),
          ]),
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
