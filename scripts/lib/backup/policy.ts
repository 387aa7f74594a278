/**
 * Backup schedule and retention per environment and component. The production and test database
 * rows, the production Redis row and the production uploads row are the deployment spec's
 * (railway-deployment-configuration.md, "Backup & Recovery"); the rest are our choices, explained in
 * docs/backup-and-recovery.md. The scheduled workflow (.github/workflows/backup.yml) uses the same
 * cron expressions; a test keeps the two in step.
 */
export type BackupEnvironment = 'development' | 'test' | 'production';
export type BackupComponent = 'postgres' | 'redis' | 'uploads';

export const BACKUP_ENVIRONMENTS: readonly BackupEnvironment[] = ['development', 'test', 'production'];
export const BACKUP_COMPONENTS: readonly BackupComponent[] = ['postgres', 'redis', 'uploads'];

export interface RetentionRule {
  /** Cron expression (UTC) of the scheduled run; null = on demand only. */
  schedule: string | null;
  /** Sets older than this are pruned… */
  retentionHours: number;
  /** …but the newest `keepAtLeast` sets are always kept, so a stalled schedule never empties the store. */
  keepAtLeast: number;
}

const days = (n: number) => n * 24;

export const BACKUP_POLICY: Record<BackupEnvironment, Record<BackupComponent, RetentionRule>> = {
  production: {
    postgres: { schedule: '0 */4 * * *', retentionHours: days(30), keepAtLeast: 6 },
    redis: { schedule: '0 * * * *', retentionHours: 24, keepAtLeast: 3 },
    uploads: { schedule: '0 3 * * *', retentionHours: days(30), keepAtLeast: 3 },
  },
  test: {
    postgres: { schedule: '0 2 * * *', retentionHours: days(7), keepAtLeast: 2 },
    redis: { schedule: null, retentionHours: days(7), keepAtLeast: 1 },
    uploads: { schedule: null, retentionHours: days(7), keepAtLeast: 1 },
  },
  development: {
    postgres: { schedule: null, retentionHours: days(3), keepAtLeast: 1 },
    redis: { schedule: null, retentionHours: days(3), keepAtLeast: 1 },
    uploads: { schedule: null, retentionHours: days(3), keepAtLeast: 1 },
  },
};

export function isBackupEnvironment(value: string): value is BackupEnvironment {
  return (BACKUP_ENVIRONMENTS as readonly string[]).includes(value);
}

export function isBackupComponent(value: string): value is BackupComponent {
  return (BACKUP_COMPONENTS as readonly string[]).includes(value);
}
