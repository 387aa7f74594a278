import type { ConnectionView, SyncRunView } from '@sentia/contracts';
import type { HealthState } from '../../ui/state-badge';

/** The badge a connection shows: broken first, then not set up, then fine. */
export function connectionHealth(connection: ConnectionView): HealthState {
  if (connection.state === 'not_configured') return 'not_configured';
  if (connection.degraded) return 'degraded';
  if (connection.lastRun?.status === 'failed') return 'down';
  return 'up';
}

export const STATE_TEXT: Record<ConnectionView['state'], string> = {
  not_configured: 'Not connected',
  configured: 'Connected',
  sandbox: 'Sandbox (demo data)',
};

export function isFinished(run: Pick<SyncRunView, 'status'>): boolean {
  return run.status === 'succeeded' || run.status === 'failed';
}

/** "every 15 minutes", "hourly", "every 5 minutes". */
export function everyText(everyMs: number): string {
  const minutes = Math.round(everyMs / 60_000);
  if (minutes === 60) return 'hourly';
  if (minutes % 60 === 0) return `every ${minutes / 60} hours`;
  return minutes === 1 ? 'every minute' : `every ${minutes} minutes`;
}

const count = (n: number, locale: string) => new Intl.NumberFormat(locale).format(n);

/** What a run is doing or did, in one line: "Running — 42% · 1,234 read · 1,200 written". */
export function runProgressText(run: SyncRunView, locale: string): string {
  const counts = `${count(run.recordsRead, locale)} read · ${count(run.recordsWritten, locale)} written${
    run.recordsRejected > 0 ? ` · ${count(run.recordsRejected, locale)} rejected` : ''
  }`;
  switch (run.status) {
    case 'queued':
      return 'Queued — waiting for a worker';
    case 'running':
      return `Running${run.progress !== null ? ` — ${run.progress}%` : ''} · ${counts}`;
    case 'succeeded':
      return `Finished · ${counts}`;
    case 'failed':
      return `Failed · ${counts}${run.error ? ` — ${firstLine(run.error)}` : ''}`;
  }
}

/** The bar's value: what the run reports, 100 once finished, indeterminate while queued. */
export function progressValue(run: SyncRunView): number | undefined {
  if (isFinished(run)) return 100;
  if (run.status === 'queued' || run.progress === null) return undefined;
  return Math.max(0, Math.min(100, run.progress));
}

export const TRIGGER_TEXT: Record<string, string> = {
  manual: 'Sync now',
  schedule: 'Schedule',
  webhook: 'Webhook',
};

/** Seconds a finished run took (null while running or when unknown). */
export function runSeconds(run: SyncRunView): number | null {
  if (!run.startedAt || !run.finishedAt) return null;
  return Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000));
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** The credential changes to send: edited fields only, an emptied field meaning "remove". */
export function credentialChanges(
  edited: Record<string, string>,
  fields: readonly { key: string; set: boolean; value: string | null; secret: boolean }[],
): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const field of fields) {
    if (!(field.key in edited)) continue;
    const value = edited[field.key]!.trim();
    if (value === '') {
      if (field.set) changes[field.key] = null;
    } else if (field.secret || value !== (field.value ?? '')) {
      changes[field.key] = value;
    }
  }
  return changes;
}
