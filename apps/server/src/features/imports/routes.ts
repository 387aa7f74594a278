import fastifyMultipart from '@fastify/multipart';
import {
  importErrorsResponse,
  importKind,
  importLimits,
  importListResponse,
  importMode,
  importRetryBody,
  importUploadResponse,
  importView,
} from '@sentia/contracts';
import { IMPORT_TEMPLATES, templateCsv, toCsv } from '@sentia/domain';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { ValidationError } from '../../platform/errors';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import { recordAudit } from '../audit/record-audit';
import type { Principal } from '../identity/principal';
import { actorOf } from '../identity/routes';
import { getImportLimits, setImportLimits } from './import-limits';
import { getImport, listImportErrors, listImports } from './query-imports';
import { retryImport, startImport } from './start-import';
import { formatBytes, UploadTooLargeError } from './stored-file';
import { templateWorkbook } from './template-workbook';

/** Room for the multipart envelope around the file when comparing Content-Length with the limit. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const idParams = z.object({ id: z.uuid() });

/**
 * Spreadsheet imports: upload (multipart, streamed into the database), progress and history,
 * every error of a file (JSON pages or a CSV download), retry of a failed import, the template of
 * each kind (CSV or XLSX), and the upload limits. Multipart parsing is registered for these
 * routes only.
 */
export function registerImportRoutes(app: ApiServer, ctx: AppContext): void {
  app.register(async (parent) => {
    await parent.register(fastifyMultipart, { throwFileSizeLimit: true });
    const scope = parent.withTypeProvider<ZodTypeProvider>();

    scope.post(
      '/api/imports/:kind',
      {
        config: { access: 'write:imports' },
        schema: {
          tags: ['imports'],
          summary:
            'Upload a CSV or XLSX file (multipart field `file`) to import; runs on the worker. 202 with the new import, 200 when the same file was already imported',
          params: z.object({ kind: importKind }),
          querystring: z.object({ mode: importMode.default('all-or-nothing') }),
          response: { 200: importUploadResponse, 202: importUploadResponse },
        },
      },
      async (request, reply) => {
        const caller = callerOf<Principal>(request);
        const limits = await getImportLimits(ctx.db);
        const declared = Number(request.headers['content-length'] ?? 0);
        if (declared > limits.maxUploadBytes + MULTIPART_OVERHEAD_BYTES) {
          throw new UploadTooLargeError(
            `The file is larger than the import limit of ${formatBytes(limits.maxUploadBytes)}. Split it into smaller files.`,
          );
        }
        if (!request.isMultipart()) {
          throw new ValidationError('Send the file as multipart/form-data in the field "file".', [
            { field: 'file', message: 'is required' },
          ]);
        }
        const part = await request.file({
          limits: { fileSize: limits.maxUploadBytes, files: 1, fields: 10, parts: 11 },
        });
        if (!part)
          throw new ValidationError('The upload has no file.', [{ field: 'file', message: 'is required' }]);
        try {
          const started = await startImport(ctx, actorOf(request, caller), {
            kind: request.params.kind,
            mode: request.query.mode,
            filename: part.filename,
            file: part.file,
          });
          const view = await getImport(ctx.db, started.importId);
          return reply
            .code(started.duplicate ? 200 : 202)
            .send({ import: view, duplicate: started.duplicate });
        } finally {
          // Whatever happened, read the rest of the body so the connection is left in a clean state.
          part.file.resume();
        }
      },
    );
  });

  app.get(
    '/api/imports',
    {
      config: { access: 'read:imports' },
      schema: {
        tags: ['imports'],
        summary: 'Imports, newest first, with their progress and first errors',
        querystring: z.object({
          kind: importKind.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: importListResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { imports: await listImports(ctx.db, request.query) };
    },
  );

  app.get(
    '/api/imports/limits',
    {
      config: { access: 'read:imports' },
      schema: { tags: ['imports'], summary: 'Upload limits in force', response: { 200: importLimits } },
    },
    async () => getImportLimits(ctx.db),
  );

  app.put(
    '/api/imports/limits',
    {
      config: { access: 'admin:settings' },
      schema: {
        tags: ['imports'],
        summary: 'Change upload limits (the setting imports.limits; audited)',
        body: importLimits.partial().strict(),
        response: { 200: importLimits },
      },
    },
    async (request) => setImportLimits(ctx.db, actorOf(request, callerOf<Principal>(request)), request.body),
  );

  app.get(
    '/api/imports/templates/:kind',
    {
      config: { access: 'read:imports' },
      schema: {
        tags: ['imports'],
        summary:
          'The template of a kind: header, example rows (and, in XLSX, a sheet describing each column)',
        params: z.object({ kind: importKind }),
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
        response: { 200: z.string().describe('text/csv or an .xlsx workbook') },
      },
    },
    async (request, reply) => {
      const template = IMPORT_TEMPLATES[request.params.kind];
      const name = `${request.params.kind}-template.${request.query.format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (request.query.format === 'xlsx') {
        // A Buffer is sent as it is (Fastify serialises only objects); the schema documents the text form.
        const workbook = await templateWorkbook(template);
        return reply.type(XLSX_TYPE).send(workbook as unknown as string);
      }
      return reply
        .type('text/csv; charset=utf-8')
        .serializer((payload: string) => payload)
        .send(templateCsv(template));
    },
  );

  app.get(
    '/api/imports/:id',
    {
      config: { access: 'read:imports' },
      schema: {
        tags: ['imports'],
        summary: 'One import: status, progress (poll while it runs), counts and first errors',
        params: idParams,
        response: { 200: importView },
      },
    },
    async (request, reply) => {
      // Polled for progress: never served from a cache.
      reply.header('cache-control', 'no-store');
      return getImport(ctx.db, request.params.id);
    },
  );

  app.get(
    '/api/imports/:id/errors',
    {
      config: { access: 'read:imports' },
      schema: {
        tags: ['imports'],
        summary: 'Every error of an import in line order; `format=csv` downloads them (audited)',
        params: idParams,
        querystring: z.object({
          afterSeq: z.coerce.number().int().min(-1).optional(),
          limit: z.coerce.number().int().min(1).max(100_000).default(500),
          format: z.enum(['json', 'csv']).default('json'),
        }),
        response: { 200: z.union([importErrorsResponse, z.string().describe('text/csv when format=csv')]) },
      },
    },
    async (request, reply) => {
      const { format, ...page } = request.query;
      reply.header('cache-control', 'no-store');
      const result = await listImportErrors(
        ctx.db,
        request.params.id,
        format === 'csv' ? { limit: 100_000 } : page,
      );
      if (format === 'json') return result;
      await recordAudit(ctx.db, actorOf(request, callerOf<Principal>(request)), {
        action: 'data.exported',
        targetType: 'import-errors',
        targetId: request.params.id,
        after: { rows: result.errors.length },
      });
      // The cells are the uploader's own text: toCsv neutralises any that a spreadsheet would run.
      const csv = toCsv(result.errors, [
        { header: 'line', value: (e) => e.line },
        { header: 'column', value: (e) => e.column },
        { header: 'value', value: (e) => e.value },
        { header: 'reason', value: (e) => e.reason },
      ]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${request.params.id}-errors.csv"`)
        .serializer((payload: string) => payload)
        .send(csv);
    },
  );

  app.post(
    '/api/imports/:id/retry',
    {
      config: { access: 'write:imports' },
      schema: {
        tags: ['imports'],
        summary: 'Run a failed import again from its stored file, e.g. with mode valid-rows',
        params: idParams,
        body: importRetryBody,
        response: { 200: importUploadResponse, 202: importUploadResponse },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request, callerOf<Principal>(request));
      const started = await retryImport(ctx, actor, request.params.id, request.body.mode);
      const view = await getImport(ctx.db, started.importId);
      return reply.code(started.duplicate ? 200 : 202).send({ import: view, duplicate: started.duplicate });
    },
  );
}
