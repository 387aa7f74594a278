import { describe, expect, it } from 'vitest';
import { isAdminPath, isClientAllowed, parseAllowlist } from './ip-allowlist';

describe('admin IP allowlist', () => {
  const list = parseAllowlist('10.0.0.0/8, 203.0.113.7, 2001:db8::/32')!;

  it('accepts addresses inside a listed network, including IPv4-mapped IPv6', () => {
    expect(isClientAllowed('10.42.0.9', list)).toBe(true);
    expect(isClientAllowed('203.0.113.7', list)).toBe(true);
    expect(isClientAllowed('::ffff:10.1.2.3', list)).toBe(true);
    expect(isClientAllowed('2001:db8:1::1', list)).toBe(true);
  });

  it('refuses everything else, and garbage', () => {
    expect(isClientAllowed('203.0.113.8', list)).toBe(false);
    expect(isClientAllowed('192.168.1.1', list)).toBe(false);
    expect(isClientAllowed('not-an-ip', list)).toBe(false);
  });

  it('is off when the variable is empty, and refuses a malformed entry at start-up', () => {
    expect(parseAllowlist('')).toBeNull();
    expect(() => parseAllowlist('10.0.0.0/99')).toThrow();
  });

  it('knows the admin paths', () => {
    expect(isAdminPath('/api/admin/users')).toBe(true);
    expect(isAdminPath('/api/administrator')).toBe(false);
  });
});
