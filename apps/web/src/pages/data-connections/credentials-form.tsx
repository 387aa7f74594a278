import type { CredentialFieldView } from '@sentia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorPanel } from '../../ui/error-panel';
import { TextField } from '../../ui/form-field';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { credentialsQuery, saveCredentials } from './connections-api';
import { credentialChanges } from './connections-model';

/**
 * Entering or replacing a connection's credentials. Secrets are never shown (only whether they are
 * set, and from where); leaving a secret empty keeps it, clearing a value removes it. Opening the
 * form is recorded in the audit log, as is saving.
 */
export function CredentialsForm({ connector, onDone }: { connector: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const credentials = useQuery(credentialsQuery(connector));
  const [edited, setEdited] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (values: Record<string, string | null>) => saveCredentials(connector, values),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['connections'] });
      onDone();
    },
  });

  if (credentials.isError)
    return <ErrorPanel heading="The credentials could not be loaded" error={credentials.error} />;
  if (!credentials.data) {
    return (
      <LoadingRegion label="Loading credentials">
        <Skeleton height={160} />
      </LoadingRegion>
    );
  }
  const fields = credentials.data.fields;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(credentialChanges(edited, fields));
  };
  return (
    <form className="credentials-form" onSubmit={submit}>
      {fields.map((field) => (
        <TextField
          key={field.key}
          label={field.label}
          type={field.secret ? 'password' : 'text'}
          autoComplete="off"
          placeholder={field.secret && field.set ? '•••••••• (set — leave empty to keep)' : field.placeholder}
          hint={hintOf(field)}
          value={edited[field.key] ?? (field.secret ? '' : (field.value ?? ''))}
          onChange={(event) => setEdited({ ...edited, [field.key]: event.target.value })}
        />
      ))}
      {save.isError && <ErrorPanel compact heading="The credentials were not saved" error={save.error} />}
      <div className="connection__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          Save credentials
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function hintOf(field: CredentialFieldView): string {
  const from =
    field.source === 'app'
      ? 'Set here.'
      : field.source === 'environment'
        ? `Set by ${field.env} in the environment; a value entered here replaces it.`
        : field.env
          ? `Not set (or set ${field.env} in the environment).`
          : 'Not set.';
  return field.help ? `${field.help} ${from}` : from;
}
