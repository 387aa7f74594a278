import type { AdminUser } from '@sentia/contracts';
import { describe, expect, it } from 'vitest';
import {
  createUserBody,
  type NewUserDraft,
  userStatus,
  validateNewUser,
  withUpdatedUser,
} from './users-model';

const now = new Date('2025-03-01T10:00:00Z');
const user = (overrides: Partial<AdminUser> = {}): AdminUser => ({
  id: 'u1',
  email: 'a@example.test',
  name: 'A',
  role: 'viewer',
  disabled: false,
  clerkUserId: null,
  lockedUntil: null,
  lastLoginAt: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

describe('userStatus', () => {
  it('tells active, locked and disabled apart', () => {
    expect(userStatus(user(), now)).toEqual({ kind: 'active' });
    expect(userStatus(user({ lockedUntil: '2025-03-01T10:15:00.000Z' }), now)).toEqual({
      kind: 'locked',
      until: new Date('2025-03-01T10:15:00.000Z'),
    });
    expect(userStatus(user({ lockedUntil: '2025-03-01T09:59:00.000Z' }), now)).toEqual({ kind: 'active' });
    expect(userStatus(user({ disabled: true, lockedUntil: '2025-03-01T10:15:00.000Z' }), now)).toEqual({
      kind: 'disabled',
    });
  });
});

describe('withUpdatedUser', () => {
  it('replaces the changed user and keeps the rest', () => {
    const list = { users: [user(), user({ id: 'u2', email: 'b@example.test' })] };
    const updated = withUpdatedUser(list, user({ id: 'u2', email: 'b@example.test', role: 'planner' }));
    expect(updated?.users.map((u) => u.role)).toEqual(['viewer', 'planner']);
    expect(withUpdatedUser(undefined, user())).toBeUndefined();
  });
});

describe('new users', () => {
  const draft: NewUserDraft = {
    name: ' Pat Planner ',
    email: ' pat@example.test ',
    role: 'planner',
    method: 'password',
    password: 'a long first password',
    clerkUserId: 'user_ignored',
  };

  it('sends only the chosen sign-in method', () => {
    expect(createUserBody(draft)).toEqual({
      name: 'Pat Planner',
      email: 'pat@example.test',
      role: 'planner',
      password: 'a long first password',
    });
    expect(createUserBody({ ...draft, method: 'clerk' })).toEqual({
      name: 'Pat Planner',
      email: 'pat@example.test',
      role: 'planner',
      clerkUserId: 'user_ignored',
    });
  });

  it('names every missing field', () => {
    expect(validateNewUser(draft)).toEqual({});
    expect(
      validateNewUser({ ...draft, name: ' ', email: 'nope', role: '', password: '', method: 'password' }),
    ).toEqual({
      name: 'Enter the person’s name.',
      email: 'Enter an email address like name@example.com.',
      role: 'Choose a role.',
      password: 'Enter a first password.',
    });
    expect(validateNewUser({ ...draft, method: 'clerk', clerkUserId: '' })).toEqual({
      clerkUserId: 'Enter their Clerk user id (user_…).',
    });
  });
});
