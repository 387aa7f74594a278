import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dateOfStamp, pruneBackups, setsToPrune, stampOf } from '../../scripts/lib/backup/backup-sets';
import { redact } from '../../scripts/lib/backup/components';
import { openStore } from '../../scripts/lib/backup/open-store';
import { BACKUP_POLICY } from '../../scripts/lib/backup/policy';
import { S3Store, signV4 } from '../../scripts/lib/backup/s3';
import { DirectoryStore } from '../../scripts/lib/backup/store';

const HOUR = 3_600_000;

describe('backup policy', () => {
  it("has the spec's schedules and retention", () => {
    expect(BACKUP_POLICY.production.postgres).toMatchObject({
      schedule: '0 */4 * * *',
      retentionHours: 30 * 24,
    });
    expect(BACKUP_POLICY.test.postgres).toMatchObject({ schedule: '0 2 * * *', retentionHours: 7 * 24 });
    expect(BACKUP_POLICY.production.redis).toMatchObject({ schedule: '0 * * * *', retentionHours: 24 });
    expect(BACKUP_POLICY.production.uploads.schedule).toBe('0 3 * * *');
  });

  it('prunes sets past retention but always keeps the newest few', () => {
    const now = new Date('2025-03-31T12:00:00Z');
    const stamps = [40, 31, 29, 1].map((days) => stampOf(new Date(now.getTime() - days * 24 * HOUR)));
    expect(setsToPrune(stamps, { ...BACKUP_POLICY.production.postgres, keepAtLeast: 1 }, now)).toEqual(
      stamps.slice(0, 2),
    );
    // Production keeps at least 6 database sets whatever their age.
    expect(setsToPrune(stamps, BACKUP_POLICY.production.postgres, now)).toEqual([]);
    // A stalled schedule: every set is old, the newest keepAtLeast survive.
    const old = [50, 49, 48].map((days) => stampOf(new Date(now.getTime() - days * 24 * HOUR)));
    expect(setsToPrune(old, { schedule: null, retentionHours: 24, keepAtLeast: 2 }, now)).toEqual([old[0]]);
  });

  it('stamps sort in time order and round-trip', () => {
    const date = new Date('2025-01-02T03:04:05Z');
    expect(stampOf(date)).toBe('20250102T030405Z');
    expect(dateOfStamp(stampOf(date)).toISOString()).toBe('2025-01-02T03:04:05.000Z');
  });
});

describe('directory store and pruning', () => {
  it('stores, lists, fetches and deletes; prunes complete expired sets and abandoned partial ones', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sentia-store-'));
    const store = new DirectoryStore(root);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sentia-src-')), 'x.bin');
    writeFileSync(file, 'payload');
    const now = new Date('2025-03-31T12:00:00Z');
    const at = (hoursAgo: number) => stampOf(new Date(now.getTime() - hoursAgo * HOUR));
    for (const [hoursAgo, complete] of [
      [30, true],
      [25, true],
      [2, true],
      [48, false],
      [1, false],
    ] as const) {
      await store.put(`production/redis/${at(hoursAgo)}/dump.rdb`, file);
      if (complete) await store.put(`production/redis/${at(hoursAgo)}/manifest.json`, file);
    }
    const copy = path.join(root, '..', `copy-${Date.now()}`);
    await store.get(`production/redis/${at(2)}/dump.rdb`, copy);
    expect(readFileSync(copy, 'utf8')).toBe('payload');

    const removed = await pruneBackups({ store, environment: 'production', component: 'redis', now });
    // Production Redis keeps 24 h but at least 3 sets: the 3 complete ones stay; the partial set
    // abandoned 48 h ago goes; the partial one from 1 h ago may still be running and stays.
    expect(removed.sort()).toEqual([`production/redis/${at(48)}`].sort());
    const strict = await pruneBackups({
      store,
      environment: 'production',
      component: 'redis',
      now,
      rule: { schedule: null, retentionHours: 24, keepAtLeast: 1 },
    });
    expect(strict.sort()).toEqual([`production/redis/${at(30)}`, `production/redis/${at(25)}`].sort());
    const left = (await store.list('production/redis/')).map((o) => o.key);
    expect(left).toEqual([
      `production/redis/${at(2)}/dump.rdb`,
      `production/redis/${at(2)}/manifest.json`,
      `production/redis/${at(1)}/dump.rdb`,
    ]);
  });

  it('rejects keys that would escape the store', async () => {
    const store = new DirectoryStore(mkdtempSync(path.join(tmpdir(), 'sentia-store-')));
    await expect(store.put('../outside', '/etc/hostname')).rejects.toThrow(/unsafe/);
    await expect(store.delete('a//b')).rejects.toThrow(/unsafe/);
  });

  it('opens a directory, file:// or s3:// store from --store', () => {
    expect(openStore('/var/backups').description).toBe('directory /var/backups');
    expect(openStore('file:///var/backups').description).toBe('directory /var/backups');
    const s3 = openStore('s3://sentia-backups-prod/railway', {
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(s3).toBeInstanceOf(S3Store);
    expect(s3.description).toBe('s3://sentia-backups-prod/railway');
    expect(() => openStore('s3://bucket', {})).toThrow(/S3_ACCESS_KEY_ID/);
    expect(() => openStore('gs://bucket')).toThrow(/unsupported store/);
  });

  it('never prints a connection string password', () => {
    expect(redact('could not connect to postgres://app:hunter2@db.example:5432/x')).toBe(
      'could not connect to postgres://app:***@db.example:5432/x',
    );
  });
});

/** AWS's documented example credentials (not a real key). */
const EXAMPLE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'; // secret-scan:allow
const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('S3 request signing (AWS Signature Version 4)', () => {
  it("matches AWS's published example (GET Object with a Range header)", () => {
    const headers = signV4(
      {
        method: 'GET',
        path: '/test.txt',
        query: {},
        headers: { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9' },
        payloadSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
      { accessKeyId: EXAMPLE_KEY_ID, secretAccessKey: EXAMPLE_SECRET },
      'us-east-1',
      new Date('2013-05-24T00:00:00Z'),
    );
    expect(headers.Authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=${EXAMPLE_KEY_ID}/20130524/us-east-1/s3/aws4_request, ` +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
  });
});
