import {
  adminUser,
  adminUsersResponse,
  createUserRequest,
  rolesResponse,
  updateUserRequest,
  userParams,
} from '@sentia/contracts';
import type { AppContext } from '../../context';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import type { Principal } from '../identity/principal';
import { announceIdentityChange } from '../identity/principal-cache';
import { actorOf } from '../identity/routes';
import { createUser, listRoles, listUsers, setUserDisabled, setUserRole } from './manage-users';

export function registerUserAdminRoutes(app: ApiServer, ctx: AppContext): void {
  const admin = { access: 'admin:users' as const };

  app.get(
    '/api/admin/users',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'All users',
        response: { 200: adminUsersResponse },
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
        response: { 200: rolesResponse },
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
        body: createUserRequest,
        response: { 201: adminUser },
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
        params: userParams,
        body: updateUserRequest,
        response: { 200: adminUser },
      },
    },
    async (request) => {
      const actor = actorOf(request, callerOf<Principal>(request));
      let user = null;
      try {
        if (request.body.role !== undefined)
          user = await setUserRole(ctx.db, actor, request.params.id, request.body.role);
        if (request.body.disabled !== undefined) {
          user = await setUserDisabled(ctx.db, actor, request.params.id, request.body.disabled);
        }
      } finally {
        // Their role, permissions or sessions changed (even if only the first of two changes went
        // through): no replica may keep serving the old ones.
        if (user) await announceIdentityChange(ctx, request.params.id);
      }
      return user!;
    },
  );
}
