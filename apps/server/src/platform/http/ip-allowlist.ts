import ipaddr from 'ipaddr.js';

export type Allowlist = [ipaddr.IPv4 | ipaddr.IPv6, number][];

/** Parses ADMIN_IP_ALLOWLIST ("10.0.0.0/8, 203.0.113.7, 2001:db8::/32"); a bare address is a /32 or /128. */
export function parseAllowlist(value: string | undefined): Allowlist | null {
  if (!value?.trim()) return null;
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      if (entry.includes('/')) return ipaddr.parseCIDR(entry);
      const address = ipaddr.parse(entry);
      return [address, address.kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
    });
}

export function isClientAllowed(ip: string, allowlist: Allowlist): boolean {
  if (!ipaddr.isValid(ip)) return false;
  let address = ipaddr.parse(ip);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    address = (address as ipaddr.IPv6).toIPv4Address();
  }
  return allowlist.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

export function isAdminPath(url: string): boolean {
  return url === '/api/admin' || url.startsWith('/api/admin/') || url.startsWith('/api/admin?');
}
