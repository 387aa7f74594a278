import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Just what the budget needs from Rolldown's output bundle, so the walk stays a pure function. */
export interface ChunkInfo {
  type: 'chunk' | 'asset';
  fileName: string;
  isEntry?: boolean;
  imports?: readonly string[];
  code?: string;
}

/**
 * The JavaScript a browser must load before the first render: every entry chunk plus everything it
 * imports statically, transitively. Dynamic imports (lazy pages) are deliberately not followed.
 */
export function initialChunks(bundle: Record<string, ChunkInfo>): ChunkInfo[] {
  const seen = new Set<string>();
  const queue = Object.values(bundle)
    .filter((item) => item.type === 'chunk' && item.isEntry)
    .map((item) => item.fileName);
  while (queue.length > 0) {
    const fileName = queue.shift()!;
    if (seen.has(fileName)) continue;
    const chunk = bundle[fileName];
    if (chunk?.type !== 'chunk') continue;
    seen.add(fileName);
    queue.push(...(chunk.imports ?? []));
  }
  return [...seen].map((fileName) => bundle[fileName]!);
}

export function gzipBytes(text: string): number {
  return gzipSync(Buffer.from(text, 'utf8')).length;
}

/**
 * Prints the initial JavaScript size (gzipped) after every production build and fails the build
 * when it exceeds the budget, so a heavy import on the startup path cannot slip in unnoticed.
 */
export function initialSizeBudget(budgetBytes: number): Plugin {
  return {
    name: 'sentia:initial-size-budget',
    apply: 'build',
    enforce: 'post',
    // writeBundle sees the final, minified code exactly as written to dist.
    writeBundle(_options, bundle) {
      const chunks = initialChunks(bundle as unknown as Record<string, ChunkInfo>);
      const rows = chunks.map((chunk) => ({ fileName: chunk.fileName, gzip: gzipBytes(chunk.code ?? '') }));
      const total = rows.reduce((sum, row) => sum + row.gzip, 0);
      const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
      const lines = rows.map((row) => `  ${row.fileName.padEnd(48)} ${kb(row.gzip).padStart(10)}`);
      this.info(
        `\ninitial JavaScript (entry + static imports), gzipped:\n${lines.join('\n')}\n` +
          `  total ${kb(total)} of ${kb(budgetBytes)} budget`,
      );
      if (total > budgetBytes) {
        throw new Error(
          `initial JavaScript is ${kb(total)} gzipped, over the ${kb(budgetBytes)} budget: ` +
            'lazy-load the page or library that grew it',
        );
      }
    },
  };
}
