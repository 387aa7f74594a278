import type { SyncRunView } from '@sentia/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { userLocale } from '../../format/locale';
import { syncRunQuery } from './connections-api';
import { isFinished, progressValue, runProgressText } from './connections-model';

/**
 * A run's live progress: the bar and one line of counts, polled every second until the run ends;
 * then the connection's state and history are refreshed.
 */
export function SyncProgress({
  connector,
  label,
  initial,
}: {
  connector: string;
  label: string;
  initial: SyncRunView;
}) {
  const queryClient = useQueryClient();
  const run = useQuery({
    ...syncRunQuery(connector, initial.id),
    initialData: initial,
    initialDataUpdatedAt: 0,
  });
  const view = run.data ?? initial;
  const finished = isFinished(view);

  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ['connections'] });
  }, [finished, queryClient]);

  const value = progressValue(view);
  return (
    <div className="connections__progress" data-run-status={view.status} data-run-progress={value ?? ''}>
      <progress max={100} value={value} aria-label={`${label} sync progress`}>
        {value ?? 0}%
      </progress>
      <p role="status" aria-live="polite">
        {runProgressText(view, userLocale())}
      </p>
    </div>
  );
}
