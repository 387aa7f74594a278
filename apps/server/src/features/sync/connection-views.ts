import type { ConnectionView, SyncRunView } from '@sentia/contracts';
import type { AppContext } from '../../context';
import type { ConnectorDefinition } from './connector';
import type { ConnectorState } from './connector-state';
import type { ScheduleInfo } from './schedules';
import { queuedRunView } from './sync-run-views';

/** One connector as the Connections page shows it. */
export async function toConnectionView(
  ctx: AppContext,
  definition: ConnectorDefinition,
  parts: {
    state: ConnectorState | undefined;
    runs: { latest: SyncRunView; running: SyncRunView | null } | undefined;
    schedule: ScheduleInfo | undefined;
    canManage: boolean;
  },
): Promise<ConnectionView> {
  const configuration = await definition.configuration(ctx);
  const { state, runs, schedule } = parts;
  const pending =
    state?.pendingRunId && state.pendingRequestedAt && runs?.latest.id !== state.pendingRunId
      ? queuedRunView(
          definition.name,
          state.pendingRunId,
          state.pendingRequestedAt,
          configuration.state === 'sandbox',
        )
      : null;
  return {
    name: definition.name,
    label: definition.label,
    description: definition.description,
    entities: [...definition.entities],
    state: configuration.state,
    source: configuration.source,
    detail: configuration.detail,
    sandboxAvailable: definition.sandboxAvailable,
    degraded: Boolean(state?.degradedSince),
    consecutiveFailures: state?.consecutiveFailures ?? 0,
    lastError:
      state?.lastError && state.lastErrorAt
        ? { message: state.lastError, at: state.lastErrorAt.toISOString() }
        : null,
    lastSuccessAt: state?.lastSuccessAt?.toISOString() ?? null,
    schedule: {
      label: definition.schedule.label,
      everyMs: definition.schedule.everyMs,
      nextRunAt:
        configuration.state === 'not_configured' ? null : (schedule?.nextRunAt?.toISOString() ?? null),
    },
    activeRun: runs?.running ?? pending,
    lastRun: runs?.latest ?? null,
    canManage: parts.canManage,
  };
}
