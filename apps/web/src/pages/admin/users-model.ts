import type { AdminUser, AdminUsersResponse } from '@sentia/contracts';

export type UserStatus = { kind: 'active' } | { kind: 'disabled' } | { kind: 'locked'; until: Date };

/** Disabled wins over locked (a disabled account cannot sign in either way); a lock that ran out is no lock. */
export function userStatus(user: Pick<AdminUser, 'disabled' | 'lockedUntil'>, now: Date): UserStatus {
  if (user.disabled) return { kind: 'disabled' };
  if (user.lockedUntil) {
    const until = new Date(user.lockedUntil);
    if (until.getTime() > now.getTime()) return { kind: 'locked', until };
  }
  return { kind: 'active' };
}

/** The list with one user replaced by the server's answer to a change (so the table updates at once). */
export function withUpdatedUser(
  list: AdminUsersResponse | undefined,
  updated: AdminUser,
): AdminUsersResponse | undefined {
  if (!list) return list;
  return { users: list.users.map((user) => (user.id === updated.id ? updated : user)) };
}

/** How a user signs in, for the table. */
export function signInMethod(user: Pick<AdminUser, 'clerkUserId'>): string {
  return user.clerkUserId ? 'Clerk' : 'Password';
}

export interface NewUserDraft {
  name: string;
  email: string;
  role: string;
  method: 'password' | 'clerk';
  password: string;
  clerkUserId: string;
}

/** The POST /api/admin/users body for a draft: only the chosen sign-in method's field is sent. */
export function createUserBody(draft: NewUserDraft) {
  return {
    name: draft.name.trim(),
    email: draft.email.trim(),
    role: draft.role,
    ...(draft.method === 'password'
      ? { password: draft.password }
      : { clerkUserId: draft.clerkUserId.trim() }),
  };
}

/** Checks before sending: every field the server would refuse as empty is named here first. */
export function validateNewUser(draft: NewUserDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (draft.name.trim() === '') errors.name = 'Enter the person’s name.';
  if (draft.email.trim() === '') errors.email = 'Enter their email address.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) {
    errors.email = 'Enter an email address like name@example.com.';
  }
  if (draft.role === '') errors.role = 'Choose a role.';
  if (draft.method === 'password' && draft.password === '') errors.password = 'Enter a first password.';
  if (draft.method === 'clerk' && draft.clerkUserId.trim() === '') {
    errors.clerkUserId = 'Enter their Clerk user id (user_…).';
  }
  return errors;
}
