import { z } from 'zod';
import type { AppContext } from '../../context';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import type { Principal } from '../identity/principal';
import { actorOf } from '../identity/routes';
import { createUser, listRoles, listUsers, setUserDisabled, setUserRole } from './manage-users';

const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  disabled: z.boolean(),
  clerkUserId: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export function registerUserAdminRoutes(app: ApiServer, ctx: AppContext): void {
  const admin = { access: 'admin:users' as const };

  app.get(
    '/api/admin/users',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'All users',
        response: { 200: z.object({ users: z.array(userView) }) },
      },
    },
    async () => ({ users: await listUsers(ctx.db) }),
  );

  app.get(
    '/api/admin/roles',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Roles and their permissions',
        response: {
          200: z.object({
            roles: z.array(
              z.object({ name: z.string(), description: z.string(), permissions: z.array(z.string()) }),
            ),
          }),
        },
      },
    },
    async () => ({ roles: await listRoles(ctx.db) }),
  );

  app.post(
    '/api/admin/users',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Create a user (password sign-in, or linked to a Clerk user)',
        body: z
          .object({
            email: z.email().max(254),
            name: z.string().trim().min(1).max(200),
            role: z.string().min(1).max(50),
            password: z.string().min(1).max(1024).optional(),
            clerkUserId: z.string().min(1).max(200).optional(),
          })
          .strict(),
        response: { 201: userView },
      },
    },
    async (request, reply) => {
      const user = await createUser(ctx.db, actorOf(request, callerOf<Principal>(request)), request.body);
      return reply.code(201).send(user);
    },
  );

  app.patch(
    '/api/admin/users/:id',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Change a user’s role, or disable / enable them (disabling ends their sessions)',
        params: z.object({ id: z.uuid() }),
        body: z
          .object({ role: z.string().min(1).max(50).optional(), disabled: z.boolean().optional() })
          .strict()
          .refine((b) => b.role !== undefined || b.disabled !== undefined, {
            message: 'give role or disabled',
          }),
        response: { 200: userView },
      },
    },
    async (request) => {
      const actor = actorOf(request, callerOf<Principal>(request));
      let user = null;
      if (request.body.role !== undefined)
        user = await setUserRole(ctx.db, actor, request.params.id, request.body.role);
      if (request.body.disabled !== undefined) {
        user = await setUserDisabled(ctx.db, actor, request.params.id, request.body.disabled);
      }
      return user!;
    },
  );
}
