import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { SYSTEM_ACTOR } from '../features/audit/record-audit';
import { createUser } from '../features/users/manage-users';
import type { ApiServer } from '../platform/http/create-server';

export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates a user with the role and signs in through the API; returns the Bearer header and ids. */
export async function signInAs(
  app: Pick<ApiServer, 'inject'>,
  ctx: Pick<AppContext, 'db'>,
  role: string,
): Promise<{ headers: { authorization: string }; userId: string; email: string; refreshToken: string }> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const user = await createUser(ctx.db, SYSTEM_ACTOR, {
    email,
    name: `${role} user`,
    role,
    password: TEST_PASSWORD,
  });
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: TEST_PASSWORD, mode: 'token' },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const { tokens } = response.json();
  return {
    headers: { authorization: `Bearer ${tokens.accessToken}` },
    userId: user.id,
    email,
    refreshToken: tokens.refreshToken,
  };
}
