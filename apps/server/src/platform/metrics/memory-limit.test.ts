import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { detectMemoryLimit } from './memory-limit';

const files = (map: Record<string, string>) => (file: string) => {
  const content = map[file];
  if (content === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  return content;
};

describe('memory limit for process_memory_limit_bytes', () => {
  it('prefers the setting, then cgroup v2, then cgroup v1, then the host', () => {
    expect(detectMemoryLimit(123, files({}))).toEqual({ bytes: 123, source: 'setting' });
    expect(detectMemoryLimit(undefined, files({ '/sys/fs/cgroup/memory.max': '2147483648\n' }))).toEqual({
      bytes: 2147483648,
      source: 'cgroup v2',
    });
    expect(
      detectMemoryLimit(
        undefined,
        files({
          '/sys/fs/cgroup/memory.max': 'max',
          '/sys/fs/cgroup/memory/memory.limit_in_bytes': '536870912',
        }),
      ),
    ).toEqual({ bytes: 536870912, source: 'cgroup v1' });
    expect(
      detectMemoryLimit(
        undefined,
        files({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712' }),
      ),
    ).toEqual({ bytes: totalmem(), source: 'host memory' });
  });
});
