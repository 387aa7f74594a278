import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { fieldErrorsOf } from './field-errors';

describe('fieldErrorsOf', () => {
  it('keys the body fields of a validation problem by name', () => {
    const error = new ApiError('problem', {
      type: '/problems/validation-failed',
      title: 'The request is not valid',
      status: 400,
      errors: [
        { field: 'body.password', message: 'must be at least 12 characters' },
        { field: 'body.email', message: 'Invalid email address' },
        { field: 'body.email', message: 'too long' },
        { field: 'params.id', message: 'is you' },
      ],
    });
    expect(fieldErrorsOf(error)).toEqual({
      password: 'must be at least 12 characters',
      email: 'Invalid email address; too long',
    });
    expect(fieldErrorsOf(error, 'params.')).toEqual({ id: 'is you' });
  });

  it('is empty for anything else', () => {
    expect(fieldErrorsOf(new Error('boom'))).toEqual({});
  });
});
