import { describe, expect, it } from 'vitest';
import { safeNextPath, signInHref } from './sign-in-path';

describe('safeNextPath', () => {
  it('keeps paths on this site with their query and fragment', () => {
    expect(safeNextPath('/system')).toBe('/system');
    expect(safeNextPath('/?from=2025-01-01&region=UK')).toBe('/?from=2025-01-01&region=UK');
    expect(safeNextPath('/admin/audit?actor=a%40b.c#top')).toBe('/admin/audit?actor=a%40b.c#top');
  });

  it('refuses anything that could leave the site', () => {
    for (const raw of [
      'https://evil.example/',
      '//evil.example/path',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      'evil.example',
      '/ok\n//evil',
      '/%0a',
      '',
      null,
      undefined,
    ]) {
      const result = safeNextPath(raw);
      expect(result.startsWith('/') && !result.startsWith('//'), String(raw)).toBe(true);
      expect(result, String(raw)).not.toContain('evil');
    }
    expect(safeNextPath('/%0a')).toBe('/%0a');
  });

  it('never loops back to the sign-in page', () => {
    expect(safeNextPath('/sign-in')).toBe('/');
    expect(safeNextPath('/sign-in?next=/system')).toBe('/');
  });
});

describe('signInHref', () => {
  it('comes back to the page the person wanted', () => {
    expect(signInHref('/system?x=1')).toBe('/sign-in?next=%2Fsystem%3Fx%3D1');
    expect(signInHref('/')).toBe('/sign-in');
    expect(signInHref('//evil.example')).toBe('/sign-in');
  });
});
