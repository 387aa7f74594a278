import type { EventBus } from '../events/event-bus';
import type { JobObserver } from '../jobs/execute-job';
import type { AppMetrics } from '../metrics/app-metrics';
import type { ErrorReporter } from './error-reporter';
import type { Tracing } from './tracing';

/** Progress events are throttled to one a second per running job (and always sent at 100%). */
const PROGRESS_INTERVAL_MS = 1_000;

/**
 * What every job attempt reports, wherever it runs (BullMQ worker or in-process): its duration to
 * job_duration_seconds, a span when tracing is on, live-update events (progress, completion,
 * failure) for the pages, and the error to Sentry when the job has failed for good.
 */
export function createJobObserver(deps: {
  metrics: AppMetrics;
  events: EventBus;
  errors: ErrorReporter;
  tracing: Tracing;
}): JobObserver {
  return {
    attemptStarted(job) {
      const started = performance.now();
      const span = deps.tracing.startSpan(`job ${job.name}`, 'internal', {
        'job.name': job.name,
        'job.queue': job.queue,
        'job.attempt': job.attempt,
      });
      let lastProgress = 0;
      return {
        progress(progress) {
          const now = Date.now();
          if (progress.percent !== 100 && now - lastProgress < PROGRESS_INTERVAL_MS) return;
          lastProgress = now;
          void deps.events.publish({
            type: 'job.progress',
            data: { job: job.name, queue: job.queue, ...progress },
          });
        },
        finished(outcome, error, final) {
          const seconds = (performance.now() - started) / 1000;
          deps.metrics.jobDuration.observe({ queue: job.queue, name: job.name, outcome }, seconds);
          span.setAttribute('job.outcome', outcome);
          span.end(error);
          if (outcome === 'failed') {
            void deps.events.publish({
              type: 'job.failed',
              data: { job: job.name, queue: job.queue, attempt: job.attempt, final: Boolean(final) },
            });
            if (final) deps.errors.capture(error, { job: job.name, queue: job.queue, attempt: job.attempt });
          } else if (outcome === 'succeeded') {
            void deps.events.publish({
              type: 'job.completed',
              data: { job: job.name, queue: job.queue, durationMs: Math.round(seconds * 1000) },
            });
          }
        },
      };
    },
  };
}
