import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownTable, readRepoFile, repoFileExists } from './support/files';

const docs = [
  ...readdirSync(new URL('../../docs/', import.meta.url))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  ...readdirSync(new URL('../../docs/runbooks/', import.meta.url)).map((f) => `docs/runbooks/${f}`),
  'CHANGELOG.md',
];

function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    out.add(
      heading!
        .toLowerCase()
        .replace(/[`*_]/g, '')
        .replace(/[^\p{L}\p{N} -]/gu, '')
        .trim()
        .replace(/ /g, '-'),
    );
  }
  return out;
}

describe('operations documents', () => {
  it('have a runbook for each item of the spec’s troubleshooting section, and the operational procedures', () => {
    for (const runbook of [
      'deployment-fails',
      'database-connection',
      'high-memory',
      'queue-backlog',
      'maintenance',
      'secret-rotation',
      'escalation',
    ]) {
      expect(repoFileExists(`docs/runbooks/${runbook}.md`), runbook).toBe(true);
    }
    for (const doc of [
      'deployment',
      'ci-cd',
      'backup-and-recovery',
      'change-management',
      'release-process',
      'api',
    ]) {
      expect(repoFileExists(`docs/${doc}.md`), doc).toBe(true);
    }
  });

  it('every relative link points at an existing file and heading', () => {
    for (const doc of docs) {
      const markdown = readRepoFile(doc);
      const withoutCode = markdown.replace(/```[\s\S]*?```/g, '');
      for (const [, target] of withoutCode.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [file, anchor] = target!.split('#') as [string, string | undefined];
        const resolved = file ? path.posix.normalize(path.posix.join(path.posix.dirname(doc), file)) : doc;
        expect(repoFileExists(resolved), `${doc} → ${target}`).toBe(true);
        if (anchor && resolved.endsWith('.md')) {
          expect(anchors(readRepoFile(resolved)).has(anchor), `${doc} → ${target}`).toBe(true);
        }
      }
    }
  });

  it('the escalation path is the spec’s four levels, in order', () => {
    const rows = markdownTable(readRepoFile('docs/runbooks/escalation.md'), 'Escalation path');
    expect(rows.map((r) => [r.level, r.who])).toEqual([
      ['1', 'On-call engineer (pager rota)'],
      ['2', 'Team lead'],
      ['3', 'Infrastructure team'],
      ['4', 'CTO / VP Engineering'],
    ]);
  });

  it('the maintenance windows are the spec’s', () => {
    const rows = markdownTable(readRepoFile('docs/runbooks/maintenance.md'), 'Windows');
    const windows = Object.fromEntries(rows.map((r) => [r.environment, r]));
    expect(windows.production?.window).toBe('Sunday 02:00–04:00 UTC');
    expect(windows.test?.window).toBe('any time');
    expect(windows.test?.notice).toMatch(/^1 hour notice/);
    expect(windows.development?.window).toBe('none');
  });

  it('CHANGELOG.md follows Keep a Changelog', () => {
    const text = readRepoFile('CHANGELOG.md');
    expect(text.startsWith('# Changelog\n')).toBe(true);
    expect(text).toContain('https://keepachangelog.com/en/1.1.0/');
    const versions = [...text.matchAll(/^## \[([^\]]+)\](.*)$/gm)].map((m) => ({ name: m[1]!, rest: m[2]! }));
    expect(versions[0]?.name).toBe('Unreleased');
    const released = versions.slice(1);
    for (const v of released) {
      expect(v.name).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
      expect(v.rest).toMatch(/^ - \d{4}-\d{2}-\d{2}$/);
    }
    const dates = released.map((v) => v.rest.slice(3));
    expect([...dates].sort().reverse()).toEqual(dates);
    const sections = [...text.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    for (const s of sections)
      expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(s);
    for (const [, label] of text.matchAll(/^\[([^\]]+)\]: /gm)) {
      expect(
        versions.map((v) => v.name),
        `link for ${label}`,
      ).toContain(label);
    }
  });

  it('the API reference lists exactly the operations of the committed OpenAPI copy', () => {
    const rows = markdownTable(readRepoFile('docs/api.md'), 'Endpoints');
    const openapi = JSON.parse(readRepoFile('docs/api/openapi.json')) as { paths: Record<string, object> };
    const expected = Object.entries(openapi.paths)
      .flatMap(([route, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${route}`))
      .sort();
    expect(rows.map((r) => `${r.method!.replace(/`/g, '')} ${r.path!.replace(/`/g, '')}`).sort()).toEqual(
      expected,
    );
  });
});
