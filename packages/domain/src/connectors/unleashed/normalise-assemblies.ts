import type { BatchStatus, ProductionBatchRecord } from '../../records/index';
import { dotNetDate, wholeQuantity } from './dotnet-json';
import { optionalInstant } from './normalise-catalogue';
import { collect } from './normalise-each';
import type { UnleashedAssembly, UnleashedNormalised } from './unleashed-types';

/** Parked assemblies are planned, completed ones done, deleted ones cancelled; custom statuses are work in progress. */
export function unleashedAssemblyStatus(status: string): BatchStatus {
  switch (status) {
    case 'Parked':
      return 'planned';
    case 'Completed':
    case 'Complete':
      return 'completed';
    case 'Deleted':
      return 'cancelled';
    default:
      return 'in_progress';
  }
}

/**
 * Assemblies → production batches. The assembly date is the planned start, "assemble by" the
 * planned end; a batch under way started on its assembly date, a completed one ended on its
 * completion date (else its assembly date). Unleashed has no production lines: the batch keeps
 * the line the catalogue gave it (`lineOf`), if any.
 */
export function normaliseUnleashedAssemblies(
  assemblies: readonly UnleashedAssembly[],
  context: { source: string; lineOf?(assemblyNumber: string): string | undefined },
): UnleashedNormalised<ProductionBatchRecord> {
  return collect(
    assemblies,
    (a) => `${context.source}:${a.AssemblyNumber}`,
    (a, out) => {
      const sku = a.Product?.ProductCode?.trim();
      if (!sku) throw new RangeError('assembly without a product code');
      const quantity = wholeQuantity(a.Quantity, 'quantity');
      if (quantity <= 0) throw new RangeError(`quantity ${a.Quantity} is not positive`);
      const status = unleashedAssemblyStatus(a.AssemblyStatus);
      const plannedStart = dotNetDate(a.AssemblyDate) ?? dotNetDate(a.CreatedOn);
      if (!plannedStart) throw new RangeError('assembly without an AssemblyDate');
      const due = dotNetDate(a.AssembleBy);
      const plannedEnd = due && due >= plannedStart ? due : plannedStart;
      let completed = status === 'completed' ? (dotNetDate(a.CompletedDate) ?? plannedEnd) : undefined;
      // ISO dates compare as text; a completion recorded before the start is the start.
      if (completed && completed < plannedStart) completed = plannedStart;
      const lineCode = context.lineOf?.(a.AssemblyNumber);
      out.records.push({
        source: context.source,
        externalId: a.AssemblyNumber,
        sku,
        ...(lineCode ? { lineCode } : {}),
        quantity,
        plannedStart,
        plannedEnd,
        ...(status === 'in_progress' || status === 'completed' ? { actualStart: plannedStart } : {}),
        ...(completed ? { actualEnd: completed } : {}),
        status,
        ...optionalInstant(a.LastModifiedOn),
      });
    },
  );
}
