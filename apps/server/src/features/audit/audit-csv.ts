import { type CsvColumn, toCsv } from '@sentia/domain';
import type { AuditEntryView } from './query-audit-log';

const COLUMNS: CsvColumn<AuditEntryView>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'at (UTC)', value: (e) => e.at },
  { header: 'actor', value: (e) => e.actor },
  { header: 'action', value: (e) => e.action },
  { header: 'target type', value: (e) => e.targetType },
  { header: 'target id', value: (e) => e.targetId },
  { header: 'ip', value: (e) => e.ip },
  { header: 'request id', value: (e) => e.requestId },
  { header: 'before', value: (e) => (e.before === null ? null : JSON.stringify(e.before)) },
  { header: 'after', value: (e) => (e.after === null ? null : JSON.stringify(e.after)) },
];

export function auditLogToCsv(entries: AuditEntryView[]): string {
  return toCsv(entries, COLUMNS);
}
