import { adminUser, type RoleView } from '@sentia/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { isApiError } from '../../api/api-error';
import { sendJson } from '../../api/fetch-json';
import { fieldErrorsOf } from '../../api/field-errors';
import { ErrorPanel } from '../../ui/error-panel';
import { SelectField, TextField } from '../../ui/form-field';
import { createUserBody, type NewUserDraft, validateNewUser } from './users-model';

const EMPTY: NewUserDraft = {
  name: '',
  email: '',
  role: 'viewer',
  method: 'password',
  password: '',
  clerkUserId: '',
};

/** Adds a user who signs in with a first password (they should change it) or through Clerk. */
export function CreateUserForm(props: {
  roles: readonly RoleView[];
  onCreated: (user: { email: string; name: string; role: string }) => void;
  onCancel: () => void;
}) {
  const { roles, onCreated, onCancel } = props;
  const id = useId();
  const [draft, setDraft] = useState<NewUserDraft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const set = (change: Partial<NewUserDraft>) => setDraft((d) => ({ ...d, ...change }));
  const roleDescription = roles.find((r) => r.name === draft.role)?.description;

  const create = useMutation({
    mutationFn: () => sendJson('POST', '/api/admin/users', createUserBody(draft), adminUser),
    onSuccess: (user) => {
      setDraft(EMPTY);
      setErrors({});
      onCreated(user);
    },
    onError: (error) => {
      const fields = fieldErrorsOf(error);
      // A taken address comes back as a conflict about the email.
      if (isApiError(error) && error.status === 409) fields.email = error.problem.detail ?? 'already in use';
      setErrors(fields);
      focusFirstInvalid();
    },
  });

  function focusFirstInvalid() {
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateNewUser(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid();
    create.mutate();
  };

  const fieldOnlyError = create.isError && Object.keys(errors).length > 0;
  return (
    <form
      ref={formRef}
      className="panel admin-form"
      noValidate
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`} className="admin-form__full">
        New user
      </h3>
      {create.isError && !fieldOnlyError && (
        <div className="admin-form__full">
          <ErrorPanel heading="The user was not created" error={create.error} compact />
        </div>
      )}
      <TextField
        label="Name"
        autoComplete="off"
        value={draft.name}
        onChange={(e) => set({ name: e.target.value })}
        error={errors.name}
      />
      <TextField
        label="Email address"
        type="email"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        value={draft.email}
        onChange={(e) => set({ email: e.target.value })}
        error={errors.email}
      />
      <SelectField
        label="Role"
        value={draft.role}
        onChange={(e) => set({ role: e.target.value })}
        error={errors.role}
        describedBy={`${id}-role-description`}
      >
        {roles.map((role) => (
          <option key={role.name} value={role.name}>
            {role.name}
          </option>
        ))}
      </SelectField>
      <p id={`${id}-role-description`} className="admin-form__full admin-muted">
        {roleDescription ? `${draft.role}: ${roleDescription}` : ''}
      </p>
      <fieldset>
        <legend>Signs in with</legend>
        <label className="admin-choice">
          <input
            type="radio"
            name={`${id}-method`}
            checked={draft.method === 'password'}
            onChange={() => set({ method: 'password' })}
          />
          A password (email and password on the sign-in page)
        </label>
        <label className="admin-choice">
          <input
            type="radio"
            name={`${id}-method`}
            checked={draft.method === 'clerk'}
            onChange={() => set({ method: 'clerk' })}
          />
          Clerk single sign-on
        </label>
      </fieldset>
      {draft.method === 'password' ? (
        <TextField
          label="First password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters. Give it to them privately."
          value={draft.password}
          onChange={(e) => set({ password: e.target.value })}
          error={errors.password}
        />
      ) : (
        <TextField
          label="Clerk user id"
          autoComplete="off"
          spellCheck={false}
          hint="From the Clerk dashboard, e.g. user_2abc…"
          value={draft.clerkUserId}
          onChange={(e) => set({ clerkUserId: e.target.value })}
          error={errors.clerkUserId}
        />
      )}
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create user'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
