import { describe, expect, it } from 'vitest';
import { type ChunkInfo, gzipBytes, initialChunks } from '../build/initial-size-budget';

describe('initialChunks (build budget)', () => {
  it('counts the entry and its static imports, transitively, but not lazy chunks', () => {
    const bundle: Record<string, ChunkInfo> = {
      'index.js': { type: 'chunk', fileName: 'index.js', isEntry: true, imports: ['vendor.js'] },
      'vendor.js': { type: 'chunk', fileName: 'vendor.js', imports: ['shared.js'] },
      'shared.js': { type: 'chunk', fileName: 'shared.js', imports: ['vendor.js'] },
      'page.js': { type: 'chunk', fileName: 'page.js', imports: ['shared.js'] },
      'index.css': { type: 'asset', fileName: 'index.css' },
    };
    expect(
      initialChunks(bundle)
        .map((c) => c.fileName)
        .sort(),
    ).toEqual(['index.js', 'shared.js', 'vendor.js']);
  });

  it('measures gzipped size', () => {
    expect(gzipBytes('a'.repeat(10_000))).toBeLessThan(200);
  });
});
