import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => lines.push(line) } };
}

describe('createLogger', () => {
  const secret = 'sk_live_9f8e7d6c5b4a3210';
  const dbUrl = 'postgres://app:p4ss"word@db.internal:5432/prod';

  it('never writes a configured secret, whether in a field, a message or an error', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', secretValues: [secret, dbUrl], destination });
    logger.info({ config: { key: secret } }, `connecting with ${secret}`);
    logger.error({ err: new Error(`failed to reach ${dbUrl}`) }, 'database down');
    logger.warn({ nested: { deeper: [dbUrl] } }, 'retrying');
    const output = lines.join('');
    expect(output).not.toContain(secret);
    expect(output).not.toContain('p4ss');
    expect(output.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('redacts credentials in well-known fields even when they are not configured secrets', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', secretValues: [], destination });
    logger.info({ req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=zzz' } } }, 'request');
    logger.info({ user: { password: 'hunter22', email: 'a@b.c' } }, 'created');
    const output = lines.join('');
    expect(output).not.toContain('abc.def.ghi');
    expect(output).not.toContain('sid=zzz');
    expect(output).not.toContain('hunter22');
    expect(output).toContain('a@b.c');
  });

  it('writes one JSON object per line with an ISO time and a level label', () => {
    const { lines, destination } = capture();
    createLogger({ level: 'info', secretValues: [], destination }).info({ a: 1 }, 'hello');
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'info', msg: 'hello', a: 1 });
    expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
  });
});
