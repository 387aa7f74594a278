import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup, listBackups, pruneBackups, restoreBackup } from '../../scripts/lib/backup/backup-sets';
import { freePort } from '../../scripts/lib/backup/components';
import { S3Store } from '../../scripts/lib/backup/s3';

/**
 * The S3 store against a local S3-compatible server, when one is installed (moto's `moto_server`,
 * offline, loopback only). Without one this suite is skipped with one line; the directory store and
 * the request signing (AWS's published example) are tested in backup-unit.test.ts either way.
 */
const motoAvailable = spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;
if (!motoAvailable) console.warn('[skipped] S3 store against moto_server: moto_server is not installed');

describe.skipIf(!motoAvailable)('S3 backup store against a local S3-compatible server (moto)', () => {
  let server: ChildProcess;
  let endpoint: string;
  const bucket = 'sentia-backups-test';

  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    server = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    for (let i = 0; ; i++) {
      const up = await fetch(`${endpoint}/moto-api/`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (i > 150) throw new Error('moto_server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    // Create the bucket (moto accepts unsigned requests).
    await new Promise<void>((resolve, reject) => {
      const req = request(`${endpoint}/${bucket}`, { method: 'PUT' }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`bucket: ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end();
    });
  });

  afterAll(() => {
    server?.kill('SIGKILL');
  });

  const store = () =>
    new S3Store({
      endpoint,
      region: 'us-east-1',
      accessKeyId: 'test',
      secretAccessKey: 'test',
      forcePathStyle: true,
      bucket,
      prefix: 'railway/sentia',
    });

  it('puts, lists (with the prefix), gets and deletes objects', async () => {
    const s3 = store();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sentia-s3-')), 'a b+c.bin');
    writeFileSync(file, Buffer.from([1, 2, 3, 255]));
    await s3.put('production/postgres/20250101T000000Z/a b+c.bin', file);
    expect(await s3.list('production/')).toEqual([
      { key: 'production/postgres/20250101T000000Z/a b+c.bin', size: 4 },
    ]);
    const copy = `${file}.copy`;
    await s3.get('production/postgres/20250101T000000Z/a b+c.bin', copy);
    expect([...readFileSync(copy)]).toEqual([1, 2, 3, 255]);
    await s3.delete('production/postgres/20250101T000000Z/a b+c.bin');
    expect(await s3.list('production/')).toEqual([]);
    await expect(s3.get('production/missing', copy)).rejects.toThrow(/HTTP 404 NoSuchKey/);
  });

  it('stores, lists, restores and prunes uploads backup sets', async () => {
    const s3 = store();
    const uploads = mkdtempSync(path.join(tmpdir(), 'sentia-s3-uploads-'));
    writeFileSync(path.join(uploads, 'import.csv'), 'sku,qty\nGIN-70,3\n');
    const now = new Date();
    const first = await createBackup({
      store: s3,
      environment: 'test',
      component: 'uploads',
      sources: { uploadsDir: uploads },
      now: new Date(now.getTime() - 10 * 24 * 3_600_000),
    });
    const second = await createBackup({
      store: s3,
      environment: 'test',
      component: 'uploads',
      sources: { uploadsDir: uploads },
      now,
    });
    expect((await listBackups(s3, 'test', 'uploads')).map((s) => s.key)).toEqual([first.key, second.key]);
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'sentia-s3-restore-')), 'uploads');
    await restoreBackup({ store: s3, setKey: second.key, targets: { uploadsDir: target } });
    expect(readFileSync(path.join(target, 'import.csv'), 'utf8')).toBe('sku,qty\nGIN-70,3\n');
    expect(await pruneBackups({ store: s3, environment: 'test', component: 'uploads', now })).toEqual([
      first.key,
    ]);
    expect((await listBackups(s3, 'test', 'uploads')).map((s) => s.key)).toEqual([second.key]);
  });
});
