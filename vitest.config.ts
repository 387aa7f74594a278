import { defineConfig } from 'vitest/config';

/**
 * Three projects:
 * - unit: pure code and PGlite-backed tests, beside the code (`*.test.ts`)
 * - integration: real PostgreSQL and Redis (`*.int.test.ts`); skipped with one line when absent,
 *   a failure when REQUIRE_SERVICES=1
 * - e2e: the built app in headless Chromium (`e2e/*.e2e.test.ts`)
 * - reliability: replicas, faults and load on the built app (`test/reliability/*.cluster.test.ts`),
 *   `npm run test:reliability`; `.ci/run` runs it after `npm test`
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/*/src/**/*.test.{ts,tsx}',
            'bench/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/*.cluster.test.ts', '**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: [
            'packages/*/src/**/*.int.test.ts',
            'apps/*/src/**/*.int.test.ts',
            'test/**/*.int.test.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.cluster.test.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
