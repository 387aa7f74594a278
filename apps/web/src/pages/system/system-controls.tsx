import { type FeatureFlagView, featureFlagView, maintenanceState } from '@sentia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { maintenanceQuery } from '../../api/auth-queries';
import { sendJson } from '../../api/fetch-json';
import type { Access } from '../../app/use-access';
import { featuresQuery } from '../../app/use-features';
import { ErrorPanel } from '../../ui/error-panel';
import { flagSource } from './system-model';
import { featureFlagsQuery, SYSTEM_KEYS } from './system-queries';

const LABELS = {
  forecasting: 'Demand forecasting',
  optimization: 'Inventory optimisation',
  workingCapital: 'Working capital',
};

/**
 * Feature flags: administrators switch them for every replica (audited); everyone else sees which
 * features are on. A switched-off feature leaves the navigation and its API answers 404.
 */
export function FlagsSection({ access }: { access: Access }) {
  const admin = access.can('admin:settings');
  const queryClient = useQueryClient();
  const flags = useQuery({ ...featureFlagsQuery(), enabled: admin });
  const features = useQuery({ ...featuresQuery(), enabled: !admin });
  const change = useMutation({
    mutationFn: ({ key, enabled }: { key: FeatureFlagView['key']; enabled: boolean | null }) =>
      sendJson('PUT', `/api/admin/feature-flags/${key}`, { enabled }, featureFlagView),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: SYSTEM_KEYS.flags });
      void queryClient.invalidateQueries({ queryKey: featuresQuery().queryKey });
    },
  });
  return (
    <section className="panel system__section" aria-labelledby="system-flags">
      <h2 id="system-flags">Feature flags</h2>
      {(flags.isError || change.isError) && (
        <ErrorPanel
          heading="Feature flags could not be loaded or changed"
          error={flags.error ?? change.error}
          compact
        />
      )}
      {admin && flags.data && (
        <ul className="system__flags">
          {flags.data.flags.map((flag) => (
            <li key={flag.key}>
              <span>
                <strong>{flag.label}</strong>: {flag.enabled ? 'on' : 'off'}{' '}
                <span className="system__muted">— {flagSource(flag)}</span>
              </span>
              <span className="system__actions">
                <button
                  type="button"
                  className="button"
                  disabled={change.isPending}
                  onClick={() => change.mutate({ key: flag.key, enabled: !flag.enabled })}
                >
                  Switch {flag.enabled ? 'off' : 'on'}
                </button>
                {flag.override !== null && (
                  <button
                    type="button"
                    className="button"
                    disabled={change.isPending}
                    onClick={() => change.mutate({ key: flag.key, enabled: null })}
                  >
                    Use the default
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {!admin && features.data && (
        <ul className="system__flags">
          {Object.entries(features.data.features).map(([key, on]) => (
            <li key={key}>
              <strong>{LABELS[key as keyof typeof LABELS]}</strong>: {on ? 'on' : 'off'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Maintenance mode at a glance, with the switch for administrators (message and details: Admin › Maintenance). */
export function MaintenanceSection({ access }: { access: Access }) {
  const allowed = access.can('admin:maintenance');
  const queryClient = useQueryClient();
  const state = useQuery({ ...maintenanceQuery(), enabled: allowed });
  const [confirming, setConfirming] = useState(false);
  const toggle = useMutation({
    mutationFn: (enabled: boolean) =>
      sendJson('PUT', '/api/admin/maintenance', { enabled, message: null }, maintenanceState),
    onSuccess: (next) => {
      queryClient.setQueryData(maintenanceQuery().queryKey, next);
      void queryClient.invalidateQueries({ queryKey: ['status'] });
      setConfirming(false);
    },
  });
  if (!allowed) return null;
  const data = state.data;
  return (
    <section className="panel system__section" aria-labelledby="system-maintenance">
      <h2 id="system-maintenance">Maintenance mode</h2>
      {(state.isError || toggle.isError) && (
        <ErrorPanel
          heading="Maintenance mode could not be read or changed"
          error={state.error ?? toggle.error}
          compact
        />
      )}
      {data && (
        <>
          <p role="status">
            {data.enabled
              ? `On${data.source === 'environment' ? ' (forced by MAINTENANCE_MODE; unset it to switch off)' : ''}: the dashboard answers “down for maintenance” for everyone.`
              : 'Off: the dashboard is open.'}
          </p>
          <div className="system__actions">
            {data.enabled && data.source !== 'environment' && (
              <button
                type="button"
                className="button"
                disabled={toggle.isPending}
                onClick={() => toggle.mutate(false)}
              >
                Switch maintenance off
              </button>
            )}
            {!data.enabled && !confirming && (
              <button type="button" className="button" onClick={() => setConfirming(true)}>
                Switch maintenance on…
              </button>
            )}
            {!data.enabled && confirming && (
              <>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={toggle.isPending}
                  onClick={() => toggle.mutate(true)}
                >
                  Pause the dashboard for everyone
                </button>
                <button type="button" className="button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </>
            )}
            <Link className="button" to="/admin/maintenance">
              Message and details
            </Link>
          </div>
        </>
      )}
    </section>
  );
}
