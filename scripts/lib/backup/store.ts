import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface StoredObject {
  key: string;
  size: number;
}

/**
 * Where backup files go. Keys are `/`-separated relative paths such as
 * `production/postgres/20250101T120000Z/postgres.dump`. Implemented by a directory (a mounted disk,
 * tests) and by an S3-compatible bucket.
 */
export interface BackupStore {
  readonly description: string;
  put(key: string, sourceFile: string): Promise<void>;
  get(key: string, destinationFile: string): Promise<void>;
  /** Every object whose key starts with `prefix`. */
  list(prefix: string): Promise<StoredObject[]>;
  delete(key: string): Promise<void>;
}

export function assertSafeKey(key: string): void {
  if (key === '' || key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '')) {
    throw new Error(`unsafe object key: ${JSON.stringify(key)}`);
  }
}

export class DirectoryStore implements BackupStore {
  readonly description: string;

  constructor(private readonly root: string) {
    this.root = path.resolve(root);
    this.description = `directory ${this.root}`;
  }

  private file(key: string): string {
    assertSafeKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, sourceFile: string): Promise<void> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Write beside the target, then rename: a reader never sees half a file.
    const partial = `${target}.partial`;
    await copyFile(sourceFile, partial);
    await rename(partial, target);
  }

  async get(key: string, destinationFile: string): Promise<void> {
    await mkdir(path.dirname(destinationFile), { recursive: true });
    await pipeline(createReadStream(this.file(key)), createWriteStream(destinationFile));
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const out: StoredObject[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries) {
        const key = rel ? `${rel}/${entry.name}` : entry.name;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full, key);
        else if (entry.isFile() && !entry.name.endsWith('.partial') && key.startsWith(prefix)) {
          out.push({ key, size: (await stat(full)).size });
        }
      }
    };
    await walk(this.root, '');
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }

  async delete(key: string): Promise<void> {
    const file = this.file(key);
    await rm(file, { force: true });
    // Remove directories left empty, up to the root.
    let dir = path.dirname(file);
    while (dir.startsWith(this.root) && dir !== this.root) {
      const remaining = await readdir(dir).catch(() => ['?']);
      if (remaining.length > 0) break;
      await rmdir(dir).catch(() => {});
      dir = path.dirname(dir);
    }
  }
}
