import { monitorEventLoopDelay } from 'node:perf_hooks';
import { schema } from '@sentia/db';
import {
  buildSalesHierarchy,
  FORECAST_PERIODS_PER_YEAR,
  type ForecastGranularity,
  type ReconciliationMethod,
  reconcileForecasts,
} from '@sentia/domain';
import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { forecastDataVersion } from './data-version';
import { fitInWorkers, fitThreads } from './fit-pool';
import type { FitTask } from './fit-protocol';
import { DEFAULT_RECONCILIATION, RUN_METHOD, RUN_SETTINGS } from './forecast-settings';
import { pruneRuns } from './prune-runs';
import { queryPeriodSales } from './queries/query-period-sales';
import { storeRun } from './store-run';

export type RunTrigger = 'data-changed' | 'schedule' | 'manual';

export type RunOutcome =
  | {
      status: 'succeeded';
      runId: string;
      dataVersion: string;
      seriesCount: number;
      seconds: number;
      maxEventLoopDelayMs: number;
    }
  | { status: 'up-to-date'; runId: string; dataVersion: string }
  | { status: 'no-data' };

export interface RunOptions {
  granularity: ForecastGranularity;
  trigger: RunTrigger;
  /** The calendar date runs are cut at (UTC); the current period is never part of the history. */
  today: string;
  reconciliation?: ReconciliationMethod;
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * One forecast run for one granularity: every series of the hierarchy fitted with the engine's "auto"
 * method and a rolling-origin backtest (on worker threads), reconciled so the levels add up, stored,
 * and older runs pruned. A run on figures that already have a succeeded run does nothing.
 */
export async function runForecast(
  ctx: Pick<AppContext, 'db' | 'logger' | 'config'>,
  options: RunOptions,
): Promise<RunOutcome> {
  const { db } = ctx;
  const { granularity } = options;
  const version = await forecastDataVersion(db, granularity, options.today);
  if (!version) return { status: 'no-data' };
  const [existing] = await db
    .select({ id: schema.forecastRuns.id })
    .from(schema.forecastRuns)
    .where(
      and(
        eq(schema.forecastRuns.granularity, granularity),
        eq(schema.forecastRuns.status, 'succeeded'),
        eq(schema.forecastRuns.dataVersion, version.version),
      ),
    )
    .orderBy(desc(schema.forecastRuns.finishedAt))
    .limit(1);
  if (existing) return { status: 'up-to-date', runId: existing.id, dataVersion: version.version };

  const settings = RUN_SETTINGS[granularity];
  const period = FORECAST_PERIODS_PER_YEAR[granularity];
  const reconciliation = options.reconciliation ?? DEFAULT_RECONCILIATION;
  const threads = options.threads ?? fitThreads(undefined);
  const started = performance.now();
  const [run] = await db
    .insert(schema.forecastRuns)
    .values({
      status: 'running',
      granularity,
      horizon: settings.horizon,
      method: RUN_METHOD,
      trigger: options.trigger,
      reconciliation,
      dataVersion: version.version,
      historyStart: version.window.first,
      historyEnd: version.window.last,
      params: { period, backtest: settings.backtest, threads },
    })
    .returning({ id: schema.forecastRuns.id });
  const runId = run!.id;
  const log = ctx.logger.child({ forecastRun: runId, granularity });
  // How long this thread was kept from other work during the run (the API's responsiveness).
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  try {
    const rows = await queryPeriodSales(db, granularity, version.window);
    const hierarchy = buildSalesHierarchy(rows, { granularity, ...version.window });
    const tasks: FitTask[] = hierarchy.nodes.map((node, id) => ({
      id,
      y: node.y,
      period,
      horizon: settings.horizon,
      backtest: settings.backtest,
    }));
    log.info({ series: tasks.length, threads, periods: hierarchy.periods.length }, 'forecast run fitting');
    const fits = await fitInWorkers(tasks, {
      threads,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    for (const fit of fits) {
      if (fit.fallback)
        log.warn({ series: hierarchy.nodes[fit.id]?.key, error: fit.fallback }, 'auto failed; naive used');
    }
    const reconciled = reconcileForecasts({
      nodes: hierarchy.nodes,
      bottom: hierarchy.bottom,
      base: fits,
      method: reconciliation,
    });
    const durationMs = Math.round(performance.now() - started);
    await storeRun(
      db,
      { id: runId, method: RUN_METHOD, horizon: settings.horizon, durationMs },
      hierarchy,
      fits,
      reconciled,
    );
    delay.disable();
    const maxEventLoopDelayMs = Math.round(delay.max / 1e6);
    await db
      .update(schema.forecastRuns)
      .set({ params: { period, backtest: settings.backtest, threads, maxEventLoopDelayMs } })
      .where(eq(schema.forecastRuns.id, runId));
    const pruned = await pruneRuns(db);
    const seconds = durationMs / 1000;
    log.info(
      { series: hierarchy.nodes.length, seconds, maxEventLoopDelayMs, pruned },
      'forecast run succeeded',
    );
    return {
      status: 'succeeded',
      runId,
      dataVersion: version.version,
      seriesCount: hierarchy.nodes.length,
      seconds,
      maxEventLoopDelayMs,
    };
  } catch (error) {
    delay.disable();
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(schema.forecastRuns)
      .set({ status: 'failed', error: message.slice(0, 2000), finishedAt: new Date() })
      .where(eq(schema.forecastRuns.id, runId))
      .catch(() => {});
    throw error;
  }
}
