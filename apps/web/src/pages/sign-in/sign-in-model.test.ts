import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { describeSignInError, localTimeAfter, validateSignIn } from './sign-in-model';

const now = new Date('2025-03-01T10:00:00Z');
const apiError = (status: number, title: string, detail?: string, retryAfterSeconds?: number, errors?: []) =>
  new ApiError(
    'problem',
    {
      type: `/problems/${status}`,
      title,
      status,
      ...(detail ? { detail } : {}),
      ...(errors ? { errors } : {}),
    },
    { retryAfterSeconds: retryAfterSeconds ?? null },
  );

describe('validateSignIn', () => {
  it('names each empty or malformed field', () => {
    expect(validateSignIn('', '')).toEqual({
      email: 'Enter your email address.',
      password: 'Enter your password.',
    });
    expect(validateSignIn('admin', 'secret').email).toMatch(/like name@example.com/);
    expect(validateSignIn('  admin@sentia.local ', 'secret')).toEqual({});
  });
});

describe('describeSignInError', () => {
  it('says wrong credentials without saying which, and marks both fields', () => {
    const failure = describeSignInError(
      apiError(401, 'Authentication required', 'The email or password is incorrect.'),
      now,
      'en-GB',
      'UTC',
    );
    expect(failure.title).toBe('The email or password is incorrect');
    expect(failure.bothFields).toBe(true);
  });

  it('keeps the lockout message naming the UTC time and adds the local time', () => {
    const failure = describeSignInError(
      apiError(
        423,
        'Account locked',
        'This account is locked after 5 failed sign-ins. Try again after 10:15 UTC, or ask an administrator to unlock it.',
        900,
      ),
      now,
      'en-GB',
      'Europe/Paris',
    );
    expect(failure.title).toBe('This account is locked');
    expect(failure.detail).toContain('Try again after 10:15 UTC');
    expect(failure.detail).toContain('That is 11:15 your time.');
  });

  it('explains a rate limit with the wait from Retry-After when the server gives no detail', () => {
    expect(describeSignInError(apiError(429, 'Too many requests', undefined, 120), now, 'en-GB').detail).toBe(
      'Try again in 2 minutes.',
    );
    expect(
      describeSignInError(
        apiError(429, 'Too many requests', 'Too many sign-in attempts. Try again in 15 minutes.', 900),
        now,
        'en-GB',
      ).detail,
    ).toBe('Too many sign-in attempts. Try again in 15 minutes.');
  });

  it('puts the server’s field errors on the fields', () => {
    const error = new ApiError('problem', {
      type: '/problems/validation-failed',
      title: 'The request is not valid',
      status: 400,
      errors: [{ field: 'body.email', message: 'must be at least 3 characters' }],
    });
    expect(describeSignInError(error, now, 'en-GB').fields).toEqual({
      email: 'The email address must be at least 3 characters.',
    });
  });

  it('passes other failures through (network, maintenance)', () => {
    const offline = new ApiError('network', {
      type: 'about:blank',
      title: 'Cannot reach the server',
      status: 0,
      detail: 'Check your connection; the page will retry.',
    });
    expect(describeSignInError(offline, now, 'en-GB')).toMatchObject({
      title: 'Cannot reach the server',
      detail: 'Check your connection, then try again.',
    });
    const maintenance = apiError(503, 'Down for maintenance', 'Upgrading the database');
    expect(describeSignInError(maintenance, now, 'en-GB')).toMatchObject({
      title: 'Down for maintenance',
      detail: 'Upgrading the database',
    });
  });
});

describe('localTimeAfter', () => {
  it('formats the clock time in the reader’s zone', () => {
    expect(localTimeAfter(3600, now, 'en-GB', 'America/New_York')).toBe('06:00');
  });
});
