import { S3Store, s3ConfigFromEnv } from './s3';
import { type BackupStore, DirectoryStore } from './store';

/**
 * `--store` values: a directory path or `file://` URL, or `s3://bucket/optional/prefix` with the
 * credentials and endpoint taken from the environment (see s3ConfigFromEnv).
 */
export function openStore(location: string, env: NodeJS.ProcessEnv = process.env): BackupStore {
  if (location.startsWith('s3://')) {
    const url = new URL(location);
    return new S3Store({
      ...s3ConfigFromEnv(env),
      bucket: url.hostname,
      prefix: url.pathname.replace(/^\/+|\/+$/g, ''),
    });
  }
  if (location.startsWith('file://')) return new DirectoryStore(new URL(location).pathname);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new Error(`unsupported store ${location}: use a directory, file:// or s3://`);
  }
  return new DirectoryStore(location);
}
