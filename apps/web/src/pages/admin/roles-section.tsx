import type { RoleView } from '@sentia/contracts';
import { type Column, DataTable } from '../../ui/data-table';
import { ErrorPanel } from '../../ui/error-panel';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';

/** The roles and the permission grants each carries (fixed by migration; read-only here). */
export function RolesSection(props: {
  roles: readonly RoleView[] | undefined;
  error: unknown;
  retry: () => void;
}) {
  const columns: Column<RoleView>[] = [
    { key: 'name', header: 'Role', cell: (r) => <strong>{r.name}</strong>, sortValue: (r) => r.name },
    { key: 'description', header: 'What it is for', cell: (r) => r.description },
    {
      key: 'permissions',
      header: 'Permissions',
      cell: (r) => (
        <ul className="admin-grants">
          {r.permissions.map((p) => (
            <li key={p}>
              <code>{p}</code>
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <section className="admin-section" aria-labelledby="roles-heading">
      <h2 id="roles-heading">Roles</h2>
      <p className="admin-muted">
        <code>*</code> allows everything; <code>read:*</code> any page; <code>write:development</code> and{' '}
        <code>write:test</code> allow changes only in that environment.
      </p>
      {props.error ? (
        <ErrorPanel heading="Roles could not be loaded" error={props.error} onRetry={props.retry} />
      ) : props.roles ? (
        <DataTable caption="Roles" hideCaption columns={columns} rows={props.roles} rowKey={(r) => r.name} />
      ) : (
        <LoadingRegion label="Loading roles">
          <Skeleton height={160} />
        </LoadingRegion>
      )}
    </section>
  );
}
