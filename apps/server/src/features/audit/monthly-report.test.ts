import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteTestDatabase } from '../../test-support/database';
import { createUser, setUserRole } from '../users/manage-users';
import { buildMonthlyAuditReport } from './monthly-report';
import { recordAudit } from './record-audit';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createPgliteTestDatabase();
});
afterAll(async () => database?.close());

describe('buildMonthlyAuditReport', () => {
  it('counts the month’s events and lists role changes and failed sign-ins', async () => {
    const admin = { userId: null, label: 'ops@example.test' };
    const user = await createUser(database.db, admin, { email: 'p@example.test', name: 'P', role: 'viewer' });
    await setUserRole(database.db, admin, user.id, 'planner');
    await recordAudit(
      database.db,
      { userId: null, label: 'p@example.test' },
      { action: 'auth.login.failed' },
    );
    const month = new Date().toISOString().slice(0, 7);
    const report = await buildMonthlyAuditReport(database.db, month);
    expect(report).toContain(`# Audit report ${month}`);
    expect(report).toContain('3 audited events.');
    expect(report).toContain('| users.role-changed | 1 |');
    expect(report).toContain('| p@example.test | 1 | 0 |');
    expect(report).toMatch(/users\.role-changed .*"role":"viewer".*→.*"role":"planner"/);
  });

  it('reports an empty month honestly and refuses a malformed month', async () => {
    expect(await buildMonthlyAuditReport(database.db, '2001-01')).toContain('0 audited events.');
    await expect(buildMonthlyAuditReport(database.db, '2026-13')).rejects.toThrow(/must look like/);
  });
});
