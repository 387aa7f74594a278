import { signInResponse } from '@sentia/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { sendJson } from '../../api/fetch-json';
import { safeNextPath } from '../../api/sign-in-path';
import { useDocumentTitle } from '../../app/use-document-title';
import type { SignInState } from '../../app/use-sign-out';
import { userLocale, userTimeZone } from '../../format/locale';
import { TextField } from '../../ui/form-field';
import { describeSignInError, type FieldErrors, type SignInFailure, validateSignIn } from './sign-in-model';
import './sign-in-page.css';

/**
 * Email and password sign-in (cookie mode: the server sets the session cookies). Afterwards the
 * person lands on the page they wanted (`?next=`, same-site paths only).
 */
export default function SignInPage() {
  useDocumentTitle('Sign in');
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const location = useLocation();
  const signedOut = (location.state as SignInState | null)?.signedOut;
  const queryClient = useQueryClient();
  const id = useId();
  const summaryRef = useRef<HTMLDivElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<SignInFailure | null>(null);

  // Nothing a previous session loaded may be shown to whoever signs in next.
  useEffect(() => {
    queryClient.clear();
  }, [queryClient]);

  // The summary takes focus when it appears, so the failure is read out and the fields follow it.
  useEffect(() => {
    if (failure || Object.keys(fieldErrors).length > 0) summaryRef.current?.focus();
  }, [failure, fieldErrors]);

  const signIn = useMutation({
    mutationFn: () =>
      sendJson('POST', '/api/auth/login', { email: email.trim(), password, mode: 'cookie' }, signInResponse),
    onSuccess: () => {
      queryClient.clear();
      navigate(next, { replace: true });
    },
    onError: (error) => {
      const described = describeSignInError(error, new Date(), userLocale(), userTimeZone());
      setFieldErrors(described.fields);
      setFailure(described);
      if (described.bothFields) setPassword('');
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (signIn.isPending) return;
    const errors = validateSignIn(email, password);
    setFailure(null);
    setFieldErrors(errors);
    if (Object.keys(errors).length === 0) signIn.mutate();
  };

  const fieldList = (Object.entries(fieldErrors) as [keyof FieldErrors, string][]).filter(([, m]) => m);
  const summaryId = `${id}-summary`;
  const showSummary = failure !== null || fieldList.length > 0;

  return (
    <div className="sign-in">
      <main id="main" className="sign-in__main">
        <p className="sign-in__brand">
          <svg aria-hidden="true" width="28" height="28" viewBox="0 0 16 16">
            <rect width="16" height="16" rx="3" fill="#13202d" />
            <path d="M3 11l3-4 3 2 4-5" stroke="#8cc4ff" strokeWidth="1.8" fill="none" />
          </svg>
          Sentia Manufacturing Dashboard
        </p>
        <div className="sign-in__card">
          <h1>Sign in</h1>
          {signedOut && !showSummary && (
            <p className="sign-in__notice" role="status">
              {signedOut === 'everywhere' ? 'You have signed out on every device.' : 'You have signed out.'}
            </p>
          )}
          {showSummary && (
            <div
              ref={summaryRef}
              id={summaryId}
              className="sign-in__summary"
              role="alert"
              tabIndex={-1}
              aria-labelledby={`${summaryId}-title`}
            >
              <h2 id={`${summaryId}-title`}>{failure?.title ?? 'Check the form'}</h2>
              {failure?.detail && <p>{failure.detail}</p>}
              {fieldList.length > 0 && (
                <ul>
                  {fieldList.map(([field, message]) => (
                    <li key={field}>
                      <a
                        href={`#${id}-${field}`}
                        onClick={(event) => {
                          event.preventDefault();
                          (field === 'email' ? emailRef : passwordRef).current?.focus();
                        }}
                      >
                        {message}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <form className="sign-in__form" noValidate onSubmit={submit}>
            <TextField
              ref={emailRef}
              id={`${id}-email`}
              label="Email address"
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={fieldErrors.email}
              invalid={failure?.bothFields}
              describedBy={failure?.bothFields ? summaryId : undefined}
            />
            <TextField
              ref={passwordRef}
              id={`${id}-password`}
              label="Password"
              type={showPassword ? 'text' : 'password'}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fieldErrors.password}
              invalid={failure?.bothFields}
              describedBy={failure?.bothFields ? summaryId : undefined}
            />
            <label className="sign-in__show">
              <input
                type="checkbox"
                checked={showPassword}
                onChange={(e) => setShowPassword(e.target.checked)}
              />
              Show password
            </label>
            <button
              type="submit"
              className="button button--primary sign-in__submit"
              aria-disabled={signIn.isPending}
            >
              {signIn.isPending ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
          <p className="sign-in__help">
            Forgotten your password, or need an account? Ask an administrator: they create accounts and can
            reset passwords.
          </p>
        </div>
      </main>
    </div>
  );
}
