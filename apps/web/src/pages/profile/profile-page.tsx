import type { SessionView } from '@sentia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { meQuery, sessionsQuery } from '../../api/auth-queries';
import { sendJson } from '../../api/fetch-json';
import { useDocumentTitle } from '../../app/use-document-title';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { useSignOut } from '../../app/use-sign-out';
import { formatInstant } from '../../format/date';
import { userLocale } from '../../format/locale';
import { type Column, DataTable } from '../../ui/data-table';
import { ErrorPanel } from '../../ui/error-panel';
import { PageHeader } from '../../ui/page-header';
import { RelativeTime } from '../../ui/relative-time';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { describeGrant, describeUserAgent, orderSessions, VIA_TEXT } from './profile-model';
import '../../ui/badges.css';
import './profile-page.css';

/** The signed-in person: who they are, what their role allows, and where they are signed in. */
export default function ProfilePage() {
  useDocumentTitle('Profile');
  const crumbs = usePageCrumbs();
  const me = useQuery(meQuery());
  return (
    <>
      <PageHeader
        title="Profile"
        crumbs={crumbs}
        subtitle="Your account and the devices you are signed in on."
      />
      {me.isError && (
        <ErrorPanel
          heading="Your account could not be loaded"
          error={me.error}
          onRetry={() => void me.refetch()}
        />
      )}
      {me.data ? (
        <div className="profile">
          <section className="panel" aria-labelledby="profile-account">
            <h2 id="profile-account">Your account</h2>
            <dl className="profile__facts">
              <dt>Name</dt>
              <dd>{me.data.name || '—'}</dd>
              <dt>Email</dt>
              <dd>{me.data.email}</dd>
              <dt>Role</dt>
              <dd>{me.data.role}</dd>
              <dt>Signed in with</dt>
              <dd>{VIA_TEXT[me.data.via]}</dd>
              <dt>Your role allows</dt>
              <dd>
                <ul className="profile__grants">
                  {me.data.permissions.map((grant) => (
                    <li key={grant}>
                      {describeGrant(grant)} <code>{grant}</code>
                    </li>
                  ))}
                </ul>
              </dd>
            </dl>
          </section>
          <Sessions via={me.data.via} />
        </div>
      ) : (
        me.isPending && (
          <LoadingRegion label="Loading your profile">
            <div className="panel">
              <Skeleton shape="text" width="10rem" height="1.25rem" />
              <Skeleton height={140} />
            </div>
          </LoadingRegion>
        )
      )}
    </>
  );
}

function Sessions({ via }: { via: 'cookie' | 'bearer' | 'clerk' }) {
  const sessions = useQuery(sessionsQuery());
  const queryClient = useQueryClient();
  const locale = userLocale();
  const [announcement, setAnnouncement] = useState('');
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // The button pressed is replaced by the confirmation (and back): keep the keyboard focus with it.
  useEffect(() => {
    if (confirmEverywhere) {
      asked.current = true;
      confirmRef.current?.focus();
    } else if (asked.current) {
      askRef.current?.focus();
    }
  }, [confirmEverywhere]);
  const signOutHere = useSignOut('here');
  const signOutEverywhere = useSignOut('everywhere');
  const revoke = useMutation({
    mutationFn: (session: SessionView) =>
      sendJson('DELETE', `/api/auth/sessions/${encodeURIComponent(session.id)}`, undefined, z.undefined()),
    onSuccess: (_result, session) => {
      setAnnouncement(`Signed out ${describeUserAgent(session.userAgent)}.`);
      return queryClient.invalidateQueries({ queryKey: sessionsQuery().queryKey });
    },
  });
  const rows = sessions.data ? orderSessions(sessions.data.sessions) : [];
  const failed = revoke.error ?? signOutHere.error ?? signOutEverywhere.error;

  const columns: Column<SessionView>[] = [
    {
      key: 'device',
      header: 'Device',
      cell: (s) => (
        <span className="profile__device">
          {describeUserAgent(s.userAgent)}
          {s.current && <span className="badge profile__this">This device</span>}
        </span>
      ),
    },
    { key: 'ip', header: 'IP address', cell: (s) => s.ip ?? 'not recorded' },
    {
      key: 'created',
      header: 'Signed in',
      cell: (s) => formatInstant(new Date(s.createdAt), locale),
      sortValue: (s) => s.createdAt,
    },
    {
      key: 'lastUsed',
      header: 'Last used',
      cell: (s) => <RelativeTime iso={s.lastUsedAt} />,
      sortValue: (s) => s.lastUsedAt,
      firstSort: 'desc',
    },
    {
      key: 'action',
      header: 'Action',
      cell: (s) =>
        s.current ? (
          <button
            type="button"
            className="button"
            disabled={signOutHere.isPending}
            onClick={() => signOutHere.mutate()}
            aria-label="Sign out on this device"
          >
            Sign out
          </button>
        ) : (
          <button
            type="button"
            className="button"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate(s)}
            aria-label={`Sign out ${describeUserAgent(s.userAgent)}, last used ${formatInstant(new Date(s.lastUsedAt), locale)}`}
          >
            Sign out
          </button>
        ),
    },
  ];

  return (
    <section className="profile__sessions" aria-labelledby="profile-sessions">
      <div className="profile__sessions-head">
        <h2 id="profile-sessions">Where you are signed in</h2>
        {rows.length > 0 &&
          (confirmEverywhere ? (
            <div className="profile__confirm">
              <p>
                {rows.length === 1
                  ? 'This is your only session: you will be signed out here.'
                  : `This ends all ${rows.length} sessions, including this one.`}
              </p>
              <button
                ref={confirmRef}
                type="button"
                className="button profile__danger"
                disabled={signOutEverywhere.isPending}
                onClick={() => signOutEverywhere.mutate()}
              >
                {signOutEverywhere.isPending ? 'Signing out…' : 'Sign out everywhere'}
              </button>
              <button type="button" className="button" onClick={() => setConfirmEverywhere(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <button ref={askRef} type="button" className="button" onClick={() => setConfirmEverywhere(true)}>
              Sign out everywhere…
            </button>
          ))}
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {failed && <ErrorPanel heading="Could not sign out" error={failed} compact />}
      {sessions.isError && (
        <ErrorPanel
          heading="Your sessions could not be loaded"
          error={sessions.error}
          onRetry={() => void sessions.refetch()}
        />
      )}
      {via === 'clerk' && (
        <p>You signed in through Clerk: those sessions are listed and ended in Clerk, not here.</p>
      )}
      {sessions.data ? (
        <DataTable
          caption="Active sessions"
          hideCaption
          columns={columns}
          rows={rows}
          rowKey={(s) => s.id}
          empty="No active sessions with a password sign-in."
        />
      ) : (
        sessions.isPending && (
          <LoadingRegion label="Loading your sessions">
            <Skeleton height={120} />
          </LoadingRegion>
        )
      )}
    </section>
  );
}
