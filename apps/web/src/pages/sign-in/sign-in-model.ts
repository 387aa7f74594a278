import { isApiError, toProblem } from '../../api/api-error';

export type SignInField = 'email' | 'password';
export type FieldErrors = Partial<Record<SignInField, string>>;

/** What went wrong, in the form the page shows: a summary, and messages on the fields at fault. */
export interface SignInFailure {
  title: string;
  detail: string | null;
  fields: FieldErrors;
  /** Both fields are suspect (wrong credentials): marked invalid and described by the summary. */
  bothFields: boolean;
}

/** Checks before sending, so an empty field is named at once rather than by the server. */
export function validateSignIn(email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  const trimmed = email.trim();
  if (trimmed === '') errors.email = 'Enter your email address.';
  else if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) errors.email = 'Enter an email address like name@example.com.';
  if (password === '') errors.password = 'Enter your password.';
  return errors;
}

/** The clock time `seconds` from `now`, in the reader's locale and time zone: "14:32". */
export function localTimeAfter(seconds: number, now: Date, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(
    new Date(now.getTime() + seconds * 1000),
  );
}

function minutes(seconds: number): string {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? '1 minute' : `${m} minutes`;
}

/**
 * Turns a failed `POST /api/auth/login` into what the page says. The server's own words are kept
 * (its lockout message names the time in UTC); the reader's local time is added from Retry-After.
 */
export function describeSignInError(
  error: unknown,
  now: Date,
  locale: string,
  timeZone?: string,
): SignInFailure {
  const problem = toProblem(error);
  const status = isApiError(error) ? error.status : null;
  const retryAfter = isApiError(error) ? error.retryAfterSeconds : null;
  switch (status) {
    case 401:
      return {
        title: 'The email or password is incorrect',
        detail:
          'Check both and try again. After 5 failed attempts in a row the account is locked for 15 minutes.',
        fields: {},
        bothFields: true,
      };
    case 423: {
      const local = retryAfter
        ? ` That is ${localTimeAfter(retryAfter, now, locale, timeZone)} your time.`
        : '';
      return {
        title: 'This account is locked',
        detail: `${problem.detail ?? 'Too many failed sign-ins.'}${local}`,
        fields: {},
        bothFields: false,
      };
    }
    case 429:
      return {
        title: 'Too many sign-in attempts',
        detail:
          problem.detail ??
          (retryAfter ? `Try again in ${minutes(retryAfter)}.` : 'Wait a few minutes, then try again.'),
        fields: {},
        bothFields: false,
      };
    case 400: {
      const fields: FieldErrors = {};
      for (const fieldError of problem.errors ?? []) {
        const field = fieldError.field.replace(/^body\./, '');
        if (field === 'email') fields.email = `The email address ${fieldError.message}.`;
        if (field === 'password') fields.password = `The password ${fieldError.message}.`;
      }
      return { title: 'Check the form', detail: problem.detail ?? null, fields, bothFields: false };
    }
    default:
      if (isApiError(error) && error.kind === 'network') {
        return {
          title: problem.title,
          detail: 'Check your connection, then try again.',
          fields: {},
          bothFields: false,
        };
      }
      return { title: problem.title, detail: problem.detail ?? null, fields: {}, bothFields: false };
  }
}
