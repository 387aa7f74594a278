import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Keys whose values are replaced wherever they appear in a log object. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-shopify-hmac-sha256"]',
  'req.headers["x-xero-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.apiKey',
  '*.clientSecret',
];

export interface LoggerOptions {
  level: string;
  /** Every configured secret value: scrubbed from each line, whatever key or message carries it. */
  secretValues: readonly string[];
  base?: Record<string, unknown>;
  destination?: { write(line: string): unknown };
}

/**
 * Structured JSON logs. Two layers keep secrets out: pino's path redaction for known fields, and a
 * final pass over each serialised line that replaces any configured secret value, so a secret that
 * slips into a message or an error still never reaches the output.
 */
export function createLogger(options: LoggerOptions): Logger {
  const target = options.destination ?? process.stdout;
  const secrets = [...options.secretValues].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  const stream: DestinationStream = {
    write(line: string) {
      target.write(scrubSecrets(line, secrets));
    },
  };
  return pino(
    {
      level: options.level,
      base: options.base ?? {},
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
}

export function scrubSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret && out.includes(escaped)) out = out.split(escaped).join('[redacted]');
  }
  return out;
}
