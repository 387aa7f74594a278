import { type AdminUser, adminUser } from '@sentia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { adminUsersQuery, rolesQuery } from '../../api/auth-queries';
import { sendJson } from '../../api/fetch-json';
import { useAccess } from '../../app/use-access';
import { useDocumentTitle } from '../../app/use-document-title';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { formatBusinessDate, formatInstant } from '../../format/date';
import { userLocale } from '../../format/locale';
import { type Column, DataTable } from '../../ui/data-table';
import { ErrorPanel } from '../../ui/error-panel';
import { PageHeader } from '../../ui/page-header';
import { RelativeTime } from '../../ui/relative-time';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { useMediaQuery } from '../../ui/use-media-query';
import { AdminTabs } from './admin-tabs';
import { CreateUserForm } from './create-user-form';
import { RolesSection } from './roles-section';
import { signInMethod, userStatus, withUpdatedUser } from './users-model';
import './admin.css';

type Change = { user: AdminUser; role?: string; disabled?: boolean };

/** Users and their roles: add people, change roles, disable, enable and unlock accounts. */
export default function UsersPage() {
  useDocumentTitle('Users & roles');
  const crumbs = usePageCrumbs();
  const access = useAccess();
  const users = useQuery(adminUsersQuery());
  const roles = useQuery(rolesQuery());
  const queryClient = useQueryClient();
  const locale = userLocale();
  const [adding, setAdding] = useState(false);
  const [confirmDisable, setConfirmDisable] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const refocus = useRef<string | null>(null);

  // The button pressed is replaced by the confirmation (and back): keep the keyboard focus with it.
  useEffect(() => {
    if (confirmDisable) {
      document.querySelector<HTMLElement>('[data-confirm-disable]')?.focus();
    } else if (refocus.current) {
      document.querySelector<HTMLElement>(`[data-disable-for="${refocus.current}"]`)?.focus();
      refocus.current = null;
    }
  }, [confirmDisable]);

  const change = useMutation({
    mutationFn: ({ user, ...body }: Change) =>
      sendJson('PATCH', `/api/admin/users/${encodeURIComponent(user.id)}`, body, adminUser),
    onSuccess: (updated, { user, role, disabled }) => {
      queryClient.setQueryData(adminUsersQuery().queryKey, (list) => withUpdatedUser(list, updated));
      setConfirmDisable(null);
      const who = user.name || user.email;
      if (role !== undefined) setAnnouncement(`${who} now has the ${updated.role} role.`);
      else if (disabled) setAnnouncement(`${who} is disabled and signed out everywhere.`);
      else setAnnouncement(`${who} can sign in again.`);
    },
  });

  const meId = access.me?.id;
  const roleList = roles.data?.roles ?? [];
  const now = new Date();
  // On a tablet the less-used columns go, so every action stays on screen without scrolling sideways.
  const wide = useMediaQuery('(min-width: 1100px)');

  const columns: Column<AdminUser>[] = [
    {
      key: 'person',
      header: 'Person',
      cell: (u) => (
        <span className="admin-person">
          <span>
            {u.name}
            {u.id === meId && <span className="admin-muted"> (you)</span>}
          </span>
          <span className="admin-person__email">{u.email}</span>
        </span>
      ),
      sortValue: (u) => u.name,
    },
    {
      key: 'role',
      header: 'Role',
      sortValue: (u) => u.role,
      cell: (u) => (
        <select
          className="admin-inline-select"
          aria-label={`Role of ${u.name || u.email}`}
          value={u.role}
          // Changing your own role here could lock you out of this page.
          disabled={u.id === meId || change.isPending || roleList.length === 0}
          title={u.id === meId ? 'You cannot change your own role' : undefined}
          onChange={(e) => change.mutate({ user: u, role: e.target.value })}
        >
          {(roleList.some((r) => r.name === u.role) ? roleList : [{ name: u.role }, ...roleList]).map((r) => (
            <option key={r.name} value={r.name}>
              {r.name}
            </option>
          ))}
        </select>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      sortValue: (u) => userStatus(u, now).kind,
      cell: (u) => {
        const status = userStatus(u, now);
        if (status.kind === 'locked') {
          return (
            <span className="admin-status admin-status--locked">
              Locked until {formatInstant(status.until, locale)}
            </span>
          );
        }
        return (
          <span className={`admin-status admin-status--${status.kind}`}>
            {status.kind === 'active' ? 'Active' : 'Disabled'}
          </span>
        );
      },
    },
    ...(wide
      ? [{ key: 'method', header: 'Signs in with', cell: signInMethod, sortValue: signInMethod }]
      : []),
    {
      key: 'lastLogin',
      header: 'Last sign-in',
      sortValue: (u) => u.lastLoginAt,
      firstSort: 'desc',
      cell: (u) =>
        u.lastLoginAt ? <RelativeTime iso={u.lastLoginAt} /> : <span className="admin-muted">never</span>,
    },
    ...(wide
      ? [
          {
            key: 'created',
            header: 'Added',
            sortValue: (u: AdminUser) => u.createdAt,
            cell: (u: AdminUser) => formatBusinessDate(u.createdAt.slice(0, 10), locale),
          },
        ]
      : []),
    {
      key: 'actions',
      header: 'Actions',
      cell: (u) => userActions(u, u.id === meId),
    },
  ];

  // A render function, not a component: a component defined here would remount on every render.
  function userActions(user: AdminUser, isMe: boolean) {
    const who = user.name || user.email;
    const status = userStatus(user, now);
    if (status.kind === 'disabled' || status.kind === 'locked') {
      return (
        <button
          type="button"
          className="button"
          disabled={change.isPending}
          onClick={() => change.mutate({ user, disabled: false })}
          aria-label={`${status.kind === 'locked' ? 'Unlock' : 'Enable'} ${who}`}
        >
          {status.kind === 'locked' ? 'Unlock' : 'Enable'}
        </button>
      );
    }
    if (isMe) {
      return (
        <span className="admin-muted">
          <span aria-hidden="true">—</span>
          <span className="visually-hidden">None for your own account</span>
        </span>
      );
    }
    if (confirmDisable === user.id) {
      return (
        <span className="admin-row-actions">
          <button
            type="button"
            className="button admin-danger"
            disabled={change.isPending}
            onClick={() => change.mutate({ user, disabled: true })}
            aria-label={`Confirm: disable ${who} and end their sessions`}
            data-confirm-disable
          >
            Disable
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setConfirmDisable(null);
              refocus.current = user.id;
            }}
          >
            Cancel
          </button>
        </span>
      );
    }
    return (
      <button
        type="button"
        className="button"
        onClick={() => setConfirmDisable(user.id)}
        aria-label={`Disable ${who}…`}
        data-disable-for={user.id}
      >
        Disable…
      </button>
    );
  }

  return (
    <>
      <PageHeader
        title="Users & roles"
        crumbs={crumbs}
        subtitle="Who can sign in, and what their role lets them see and do. Every change is in the audit log."
      />
      <AdminTabs />
      <div className="admin">
        <section className="admin-section" aria-labelledby="users-heading">
          <div className="admin-section__head">
            <h2 id="users-heading">Users</h2>
            {!adding && (
              <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
                Add a user
              </button>
            )}
          </div>
          {adding && (
            <CreateUserForm
              roles={roleList}
              onCancel={() => setAdding(false)}
              onCreated={(user) => {
                setAdding(false);
                setAnnouncement(`${user.name} (${user.email}) was added with the ${user.role} role.`);
                void queryClient.invalidateQueries({ queryKey: adminUsersQuery().queryKey });
              }}
            />
          )}
          <p className={announcement ? 'admin-notice' : 'visually-hidden'} role="status">
            {announcement}
          </p>
          {change.isError && <ErrorPanel heading="The change was not saved" error={change.error} compact />}
          {users.isError && (
            <ErrorPanel
              heading="Users could not be loaded"
              error={users.error}
              onRetry={() => void users.refetch()}
            />
          )}
          {users.data ? (
            <DataTable
              caption="Users"
              hideCaption
              columns={columns}
              rows={users.data.users}
              rowKey={(u) => u.id}
              initialSort={{ columnKey: 'person', direction: 'asc' }}
              empty="No users yet."
            />
          ) : (
            users.isPending && (
              <LoadingRegion label="Loading users">
                <Skeleton height={200} />
              </LoadingRegion>
            )
          )}
        </section>
        <RolesSection roles={roles.data?.roles} error={roles.error} retry={() => void roles.refetch()} />
      </div>
    </>
  );
}
