import { expect, it } from 'vitest';
import { SYNC_ATTEMPTS, syncRunJob } from './jobs';

/** BullMQ's exponential backoff: the wait before attempt n + 1 is backoffMs · 2^(n − 1). */
const waitsBeforeLastAttempt = () =>
  Array.from({ length: SYNC_ATTEMPTS - 1 }, (_, i) => syncRunJob.backoffMs * 2 ** i).reduce(
    (a, b) => a + b,
    0,
  );

it('keeps retrying a failed sync for longer than a one-minute outage of the service', () => {
  expect(syncRunJob.attempts).toBe(SYNC_ATTEMPTS);
  // Each attempt spends up to ~8 s on its own request retries; the last must start well after a minute.
  expect(waitsBeforeLastAttempt()).toBeGreaterThanOrEqual(3 * 60_000);
});
