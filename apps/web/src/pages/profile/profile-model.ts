import type { SessionView } from '@sentia/contracts';

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/HeadlessChrome\/(\d+)/, 'Chrome (headless)'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPad/, 'iPad'],
  [/iPhone/, 'iPhone'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

/**
 * A readable name for the device behind a session: "Chrome 131 on Windows". User agents are
 * whatever the client sent, so anything unrecognised is shown by its first word (an API client,
 * a script) rather than guessed at.
 */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent || userAgent.trim() === '') return 'Unknown device';
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(userAgent);
    if (match) return `${name} ${match[1]}${system ? ` on ${system}` : ''}`;
  }
  const first = userAgent.trim().split(/\s+/)[0] ?? userAgent;
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}

/** This device first, then the most recently used. */
export function orderSessions(sessions: readonly SessionView[]): SessionView[] {
  return [...sessions].sort((a, b) => {
    if (a.current !== b.current) return a.current ? -1 : 1;
    return b.lastUsedAt.localeCompare(a.lastUsedAt);
  });
}

export const VIA_TEXT = {
  cookie: 'Email and password, in this browser',
  bearer: 'An API access token',
  clerk: 'Clerk single sign-on',
} as const;

/** A permission grant in words, for the profile's list of what the role allows. */
export function describeGrant(grant: string): string {
  if (grant === '*') return 'Everything (administrator)';
  const [action, resource] = grant.split(':');
  if (resource === '*') return `${capitalise(action ?? grant)} anything`;
  if (action === 'write' && (resource === 'development' || resource === 'test')) {
    return `Make changes in the ${resource} environment only`;
  }
  return `${capitalise(action ?? grant)} ${(resource ?? '').replaceAll('-', ' ')}`.trim();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
