import { maintenanceState } from '@sentia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { maintenanceQuery } from '../../api/auth-queries';
import { sendJson } from '../../api/fetch-json';
import { fieldErrorsOf } from '../../api/field-errors';
import { useDocumentTitle } from '../../app/use-document-title';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { ErrorPanel } from '../../ui/error-panel';
import { TextAreaField } from '../../ui/form-field';
import { PageHeader } from '../../ui/page-header';
import { RelativeTime } from '../../ui/relative-time';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { AdminTabs } from './admin-tabs';
import './admin.css';

const MESSAGE_MAX = 500;

/** Maintenance mode for every replica: switched on and off here, recorded in the audit log. */
export default function MaintenancePage() {
  useDocumentTitle('Maintenance');
  const crumbs = usePageCrumbs();
  const queryClient = useQueryClient();
  const state = useQuery(maintenanceQuery());
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const confirmRef = useRef<HTMLButtonElement>(null);

  const toggle = useMutation({
    mutationFn: (enabled: boolean) =>
      sendJson(
        'PUT',
        '/api/admin/maintenance',
        { enabled, message: enabled && message.trim() !== '' ? message.trim() : null },
        maintenanceState,
      ),
    onSuccess: (next) => {
      queryClient.setQueryData(maintenanceQuery().queryKey, next);
      void queryClient.invalidateQueries({ queryKey: ['status'] });
      setConfirming(false);
      setAnnouncement(next.enabled ? 'Maintenance mode is on.' : 'Maintenance mode is off.');
    },
  });

  const askRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // The button pressed is replaced by the confirmation (and back): keep the keyboard focus with it.
  useEffect(() => {
    if (confirming) {
      asked.current = true;
      confirmRef.current?.focus();
    } else if (asked.current) {
      askRef.current?.focus();
    }
  }, [confirming]);

  const data = state.data;
  const messageError = fieldErrorsOf(toggle.error).message;

  return (
    <>
      <PageHeader
        title="Maintenance"
        crumbs={crumbs}
        subtitle="Pause the dashboard for everyone while you upgrade or repair it."
      />
      <AdminTabs />
      <div className="admin">
        <p className={announcement ? 'admin-notice' : 'visually-hidden'} role="status">
          {announcement}
        </p>
        {state.isError && (
          <ErrorPanel
            heading="The maintenance state could not be loaded"
            error={state.error}
            onRetry={() => void state.refetch()}
          />
        )}
        {toggle.isError && !messageError && (
          <ErrorPanel heading="Maintenance mode was not changed" error={toggle.error} compact />
        )}
        {data ? (
          <section className="panel admin-section" aria-labelledby="maintenance-state">
            <h2 id="maintenance-state">
              {data.enabled ? 'Maintenance mode is on' : 'Maintenance mode is off'}
            </h2>
            {data.enabled ? (
              <>
                <p>
                  People see:{' '}
                  <q>{data.message ?? 'The dashboard is down for maintenance. Try again shortly.'}</q>
                </p>
                {data.source === 'environment' ? (
                  <p>
                    It is forced on by <code>MAINTENANCE_MODE=true</code> in the environment, so it cannot be
                    switched off here: unset the variable and restart.
                  </p>
                ) : (
                  data.updatedAt && (
                    <p className="admin-muted">
                      Switched on <RelativeTime iso={data.updatedAt} />.
                    </p>
                  )
                )}
              </>
            ) : (
              <p className="admin-muted">
                The dashboard is open.
                {data.updatedAt && (
                  <>
                    {' '}
                    Last switched <RelativeTime iso={data.updatedAt} />.
                  </>
                )}
              </p>
            )}
            <p>
              While it is on, the dashboard's pages and data answer “down for maintenance” (503) on every
              replica within seconds, and the worker pauses scheduled syncs. Health, status, metrics, sign-in
              and the admin API keep working. Keep this page open to switch it off again: reloading the
              dashboard shows you the maintenance notice too.
            </p>
            {data.enabled && data.source !== 'environment' && (
              <div className="admin-form__actions">
                <button
                  type="button"
                  className="button button--primary"
                  disabled={toggle.isPending}
                  onClick={() => toggle.mutate(false)}
                >
                  {toggle.isPending ? 'Switching off…' : 'Switch maintenance off'}
                </button>
              </div>
            )}
            {!data.enabled && (
              <form
                className="admin-section"
                onSubmit={(event) => {
                  event.preventDefault();
                  setConfirming(true);
                }}
              >
                <TextAreaField
                  label="Message for people using the dashboard (optional)"
                  hint={`Up to ${MESSAGE_MAX} characters, e.g. “Upgrading the database; back by 14:00 UTC.”`}
                  maxLength={MESSAGE_MAX}
                  rows={3}
                  value={message}
                  onChange={(e) => setMessage(e.target.value)}
                  error={messageError}
                />
                {confirming ? (
                  <div className="admin-form__actions">
                    <span>Everyone else loses access until you switch it off.</span>
                    <button
                      ref={confirmRef}
                      type="button"
                      className="button admin-danger"
                      disabled={toggle.isPending}
                      onClick={() => toggle.mutate(true)}
                    >
                      {toggle.isPending ? 'Switching on…' : 'Switch maintenance on now'}
                    </button>
                    <button type="button" className="button" onClick={() => setConfirming(false)}>
                      Cancel
                    </button>
                  </div>
                ) : (
                  <div className="admin-form__actions">
                    <button ref={askRef} type="submit" className="button">
                      Switch maintenance on…
                    </button>
                  </div>
                )}
              </form>
            )}
          </section>
        ) : (
          state.isPending && (
            <LoadingRegion label="Loading the maintenance state">
              <Skeleton height={180} />
            </LoadingRegion>
          )
        )}
      </div>
    </>
  );
}
