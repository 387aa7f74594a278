import type { DependencyState } from '@sentia/contracts';
import type { AppContext } from '../../context';
import { findConnectorStates } from './connector-state';
import { CONNECTORS } from './registry';

/**
 * The connectors as a dependency on /api/status: `degraded` when one has failed three syncs in a
 * row (the others keep syncing), `not_configured` when none is set up. Never required: the
 * dashboard works from what is already in the database.
 */
export async function connectorsDependency(ctx: AppContext): Promise<DependencyState> {
  const name = 'connectors';
  try {
    const states = await findConnectorStates(ctx.db);
    const configured = (
      await Promise.all(CONNECTORS.map(async (c) => ({ c, conf: await c.configuration(ctx) })))
    ).filter(({ conf }) => conf.state !== 'not_configured');
    if (configured.length === 0) {
      return {
        name,
        state: 'not_configured',
        required: false,
        latencyMs: null,
        detail: 'no connector is set up',
      };
    }
    const degraded = configured.filter(({ c }) => states.get(c.name)?.degradedSince);
    if (degraded.length > 0) {
      return {
        name,
        state: 'degraded',
        required: false,
        latencyMs: null,
        detail: degraded
          .map(({ c }) => {
            const s = states.get(c.name)!;
            return `${c.label}: ${s.consecutiveFailures} failed syncs in a row — ${(s.lastError ?? '').slice(0, 120)}`;
          })
          .join('; '),
      };
    }
    return {
      name,
      state: 'up',
      required: false,
      latencyMs: null,
      detail: configured
        .map(({ c, conf }) => `${c.label}${conf.state === 'sandbox' ? ' (sandbox)' : ''}`)
        .join(', '),
    };
  } catch (error) {
    return {
      name,
      state: 'down',
      required: false,
      latencyMs: null,
      detail: error instanceof Error ? error.message.slice(0, 200) : 'unreadable',
    };
  }
}
