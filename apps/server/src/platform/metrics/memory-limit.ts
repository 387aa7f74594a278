import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';

/** cgroup v1 reports "no limit" as a huge page-aligned number rather than "max". */
const UNLIMITED_V1 = 2 ** 60;

export interface MemoryLimit {
  bytes: number;
  source: 'setting' | 'cgroup v2' | 'cgroup v1' | 'host memory';
}

/**
 * The memory this process may use, for process_memory_limit_bytes and the MemoryUsage alert: the
 * setting when given (PROCESS_MEMORY_LIMIT_BYTES), else the container's cgroup limit, else the host's
 * memory. Railway and Docker enforce limits through the cgroup, so this is the number an OOM kill uses.
 */
export function detectMemoryLimit(
  setting: number | undefined,
  read: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): MemoryLimit {
  if (setting) return { bytes: setting, source: 'setting' };
  const v2 = tryRead(read, '/sys/fs/cgroup/memory.max');
  if (v2 && v2 !== 'max' && Number(v2) > 0) return { bytes: Number(v2), source: 'cgroup v2' };
  const v1 = tryRead(read, '/sys/fs/cgroup/memory/memory.limit_in_bytes');
  if (v1 && Number(v1) > 0 && Number(v1) < UNLIMITED_V1) return { bytes: Number(v1), source: 'cgroup v1' };
  return { bytes: totalmem(), source: 'host memory' };
}

function tryRead(read: (file: string) => string, file: string): string | null {
  try {
    return read(file).trim();
  } catch {
    return null;
  }
}
