import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  archiveDirectory,
  dumpPostgres,
  dumpRedis,
  extractArchive,
  inspectRdb,
  restorePostgres,
} from './components';
import { BACKUP_POLICY, type BackupComponent, type BackupEnvironment, type RetentionRule } from './policy';
import type { BackupStore } from './store';

/**
 * A backup set is one run of one component: its files and a manifest with the SHA-256 of each, under
 * `<environment>/<component>/<stamp>/`. The manifest is written last, so a set without one is
 * incomplete (an interrupted run) and is neither listed nor restored.
 */
export interface BackupManifest {
  format: 'sentia-backup/1';
  environment: BackupEnvironment;
  component: BackupComponent;
  createdAt: string;
  files: { name: string; bytes: number; sha256: string }[];
  details: Record<string, unknown>;
}

export interface BackupSet {
  key: string;
  manifest: BackupManifest;
}

export const MANIFEST = 'manifest.json';

export function stampOf(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function dateOfStamp(stamp: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp);
  if (!m) throw new Error(`not a backup stamp: ${stamp}`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export interface BackupSources {
  databaseUrl?: string;
  redisUrl?: string;
  uploadsDir?: string;
}

/** Takes one backup of `component` and stores it; returns the stored set. */
export async function createBackup(options: {
  store: BackupStore;
  environment: BackupEnvironment;
  component: BackupComponent;
  sources: BackupSources;
  now?: Date;
}): Promise<BackupSet> {
  const now = options.now ?? new Date();
  const key = `${options.environment}/${options.component}/${stampOf(now)}`;
  const work = await mkdtemp(path.join(tmpdir(), 'sentia-backup-'));
  try {
    const produced: { name: string; file: string }[] = [];
    let details: Record<string, unknown> = {};
    if (options.component === 'postgres') {
      if (!options.sources.databaseUrl)
        throw new Error('postgres backup needs --database-url or DATABASE_URL');
      const file = path.join(work, 'postgres.dump');
      details = await dumpPostgres(options.sources.databaseUrl, file);
      produced.push({ name: 'postgres.dump', file });
    } else if (options.component === 'redis') {
      if (!options.sources.redisUrl) throw new Error('redis backup needs --redis-url or REDIS_URL');
      const file = path.join(work, 'dump.rdb');
      await dumpRedis(options.sources.redisUrl, file);
      produced.push({ name: 'dump.rdb', file });
    } else {
      if (!options.sources.uploadsDir) throw new Error('uploads backup needs --uploads-dir or UPLOADS_DIR');
      const file = path.join(work, 'uploads.tar.gz');
      details = await archiveDirectory(options.sources.uploadsDir, file);
      produced.push({ name: 'uploads.tar.gz', file });
    }
    const manifest: BackupManifest = {
      format: 'sentia-backup/1',
      environment: options.environment,
      component: options.component,
      createdAt: now.toISOString(),
      files: [],
      details,
    };
    for (const { name, file } of produced) {
      manifest.files.push({ name, bytes: (await stat(file)).size, sha256: await sha256File(file) });
      await options.store.put(`${key}/${name}`, file);
    }
    const manifestFile = path.join(work, MANIFEST);
    await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    await options.store.put(`${key}/${MANIFEST}`, manifestFile);
    return { key, manifest };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Complete sets (those with a manifest), oldest first. */
export async function listBackups(
  store: BackupStore,
  environment: BackupEnvironment,
  component: BackupComponent,
): Promise<BackupSet[]> {
  const objects = await store.list(`${environment}/${component}/`);
  const sets: BackupSet[] = [];
  const work = await mkdtemp(path.join(tmpdir(), 'sentia-backup-list-'));
  try {
    for (const object of objects.filter((o) => o.key.endsWith(`/${MANIFEST}`))) {
      const key = object.key.slice(0, -`/${MANIFEST}`.length);
      const file = path.join(work, 'manifest.json');
      await store.get(object.key, file);
      sets.push({ key, manifest: JSON.parse(await readFile(file, 'utf8')) as BackupManifest });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return sets.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Which sets a retention rule removes at `now`: those older than the retention period, except the
 * newest `keepAtLeast`. Pure, so the rule is tested on its own.
 */
export function setsToPrune(stamps: string[], rule: RetentionRule, now: Date): string[] {
  const sorted = [...stamps].sort();
  const protectedStamps = new Set(sorted.slice(-rule.keepAtLeast));
  const cutoff = now.getTime() - rule.retentionHours * 3_600_000;
  return sorted.filter((stamp) => !protectedStamps.has(stamp) && dateOfStamp(stamp).getTime() < cutoff);
}

/** Deletes expired sets (and incomplete ones older than a day) of one environment and component. */
export async function pruneBackups(options: {
  store: BackupStore;
  environment: BackupEnvironment;
  component: BackupComponent;
  now?: Date;
  rule?: RetentionRule;
}): Promise<string[]> {
  const now = options.now ?? new Date();
  const rule = options.rule ?? BACKUP_POLICY[options.environment][options.component];
  const prefix = `${options.environment}/${options.component}/`;
  const objects = await options.store.list(prefix);
  const byStamp = new Map<string, { keys: string[]; complete: boolean }>();
  for (const object of objects) {
    const stamp = object.key.slice(prefix.length).split('/')[0]!;
    if (!/^\d{8}T\d{6}Z$/.test(stamp)) continue;
    const entry = byStamp.get(stamp) ?? { keys: [], complete: false };
    entry.keys.push(object.key);
    if (object.key.endsWith(`/${MANIFEST}`)) entry.complete = true;
    byStamp.set(stamp, entry);
  }
  const complete = [...byStamp].filter(([, e]) => e.complete).map(([stamp]) => stamp);
  const expired = new Set(setsToPrune(complete, rule, now));
  for (const [stamp, entry] of byStamp) {
    const abandoned = !entry.complete && now.getTime() - dateOfStamp(stamp).getTime() > 24 * 3_600_000;
    if (abandoned) expired.add(stamp);
  }
  const removed: string[] = [];
  for (const stamp of [...expired].sort()) {
    const entry = byStamp.get(stamp)!;
    // Manifest first: a half-deleted set then looks incomplete, never complete with missing files.
    const keys = [...entry.keys].sort((a, b) => Number(b.endsWith(MANIFEST)) - Number(a.endsWith(MANIFEST)));
    for (const key of keys) await options.store.delete(key);
    removed.push(`${prefix}${stamp}`);
  }
  return removed;
}

/** Downloads a set and checks every file against its manifest checksum; returns the local files. */
export async function fetchVerified(
  store: BackupStore,
  setKey: string,
  directory: string,
): Promise<{ manifest: BackupManifest; files: Record<string, string> }> {
  const manifestFile = path.join(directory, MANIFEST);
  await store.get(`${setKey}/${MANIFEST}`, manifestFile);
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.format !== 'sentia-backup/1') throw new Error(`${setKey}: unknown manifest format`);
  const files: Record<string, string> = {};
  for (const entry of manifest.files) {
    if (!/^[\w.-]+$/.test(entry.name)) throw new Error(`${setKey}: unsafe file name ${entry.name}`);
    const local = path.join(directory, entry.name);
    await store.get(`${setKey}/${entry.name}`, local);
    const actual = await sha256File(local);
    if (actual !== entry.sha256) {
      throw new Error(`${setKey}/${entry.name}: checksum mismatch (expected ${entry.sha256}, got ${actual})`);
    }
    files[entry.name] = local;
  }
  return { manifest, files };
}

export interface RestoreTargets {
  databaseUrl?: string;
  /** Directory to place dump.rdb in (the data directory of a stopped Redis). */
  redisDataDir?: string;
  uploadsDir?: string;
  force?: boolean;
}

/** Restores one verified set into its target; returns a one-line description of what was done. */
export async function restoreBackup(options: {
  store: BackupStore;
  setKey: string;
  targets: RestoreTargets;
}): Promise<string> {
  const work = await mkdtemp(path.join(tmpdir(), 'sentia-restore-'));
  try {
    const { manifest, files } = await fetchVerified(options.store, options.setKey, work);
    if (manifest.component === 'postgres') {
      if (!options.targets.databaseUrl) throw new Error('restoring postgres needs --database-url');
      await restorePostgres(options.targets.databaseUrl, files['postgres.dump']!);
      return `restored ${options.setKey} into the database (checksums verified)`;
    }
    if (manifest.component === 'redis') {
      const keys = await inspectRdb(files['dump.rdb']!);
      if (!options.targets.redisDataDir) {
        return `verified ${options.setKey}: the snapshot loads (${JSON.stringify(keys)}); pass --redis-data-dir to place it`;
      }
      const { copyFile, mkdir } = await import('node:fs/promises');
      await mkdir(options.targets.redisDataDir, { recursive: true });
      const target = path.join(options.targets.redisDataDir, 'dump.rdb');
      await copyFile(files['dump.rdb']!, target);
      return `placed ${options.setKey} at ${target} (${JSON.stringify(keys)}); start Redis with appendonly no, then re-enable AOF`;
    }
    if (!options.targets.uploadsDir) throw new Error('restoring uploads needs --uploads-dir');
    await extractArchive(
      files['uploads.tar.gz']!,
      options.targets.uploadsDir,
      options.targets.force ?? false,
    );
    return `extracted ${options.setKey} into ${options.targets.uploadsDir}`;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
