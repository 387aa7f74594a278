import { describe } from 'vitest';

/**
 * Real-service test suites read TEST_DATABASE_URL / TEST_REDIS_URL. When absent they are skipped
 * with one visible line; with REQUIRE_SERVICES=1 (CI) absence is a failure.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const testRedisUrl = process.env.TEST_REDIS_URL || undefined;
const servicesRequired = process.env.REQUIRE_SERVICES === '1';

export function describeWithServices(
  needs: { postgres?: boolean; redis?: boolean },
  name: string,
  body: () => void,
): void {
  const missing = [
    needs.postgres && !testDatabaseUrl ? 'TEST_DATABASE_URL' : null,
    needs.redis && !testRedisUrl ? 'TEST_REDIS_URL' : null,
  ].filter((v): v is string => v !== null);
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  if (servicesRequired) {
    throw new Error(`REQUIRE_SERVICES=1 but ${missing.join(' and ')} not set: cannot run "${name}"`);
  }
  console.warn(`[skipped] ${name}: needs ${missing.join(' and ')} (PostgreSQL/Redis not configured)`);
  describe.skip(name, body);
}
