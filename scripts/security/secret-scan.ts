/**
 * `npm run secret-scan [-- --all-history]`: fails when a tracked file (or, with --all-history, any
 * commit) contains something that looks like a real credential: cloud keys, private keys, tokens of
 * the services this project talks to, and connection strings with an inline password.
 * Findings print as `file:line rule` — never the secret itself.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { parseArgs, runMain } from '../lib/args';

export interface SecretRule {
  id: string;
  pattern: RegExp;
}

export const SECRET_RULES: SecretRule[] = [
  { id: 'aws-access-key-id', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  {
    id: 'aws-secret-access-key',
    pattern: /aws_?secret_?access_?key\s*[:=]\s*["']?[A-Za-z0-9/+=]{40}\b/i,
  },
  {
    id: 'private-key',
    pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY( BLOCK)?-----/,
  },
  { id: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/ },
  { id: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { id: 'slack-webhook', pattern: /hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{20,}/ },
  { id: 'stripe-key', pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{20,}\b/ },
  { id: 'clerk-secret-key', pattern: /\bsk_(?:live|test)_[A-Za-z0-9]{30,}\b/ },
  { id: 'shopify-token', pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/ },
  { id: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { id: 'sentry-dsn', pattern: /https:\/\/[a-f0-9]{32}@[a-z0-9.-]*sentry\.io\/\d+/ },
  { id: 'new-relic-license-key', pattern: /\b[a-f0-9]{36}NRAL\b/ },
  {
    id: 'railway-token',
    pattern:
      /RAILWAY_(?:API_)?TOKEN\s*[:=]\s*["']?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
  },
  { id: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  {
    // A connection string with an inline password, except obvious local/test ones.
    id: 'url-with-password',
    pattern:
      /\b(?:postgres(?:ql)?|redis|rediss|mysql|mongodb(?:\+srv)?|amqps?):\/\/[^:\s/@]+:(?!\$\{|\*\*\*|password@|secret@|sentia-local@|guest@)[^@\s'"]{8,}@(?!localhost|127\.0\.0\.1|postgres:|redis:|\[::1\])[^\s'"/]+/i,
  },
];

/** Lines carrying this marker are deliberate fixtures (e.g. this scanner's own tests). */
const ALLOW_MARKER = 'secret-scan:allow';

export interface Finding {
  file: string;
  line: number;
  rule: string;
}

export function scanText(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.includes(ALLOW_MARKER)) return;
    for (const rule of SECRET_RULES) {
      if (rule.pattern.test(line)) findings.push({ file, line: index + 1, rule: rule.id });
    }
  });
  return findings;
}

function trackedFiles(cwd: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter(Boolean);
}

const SKIP = /(^|\/)(package-lock\.json|.*\.(png|jpe?g|gif|webp|ico|woff2?|ttf|wasm|pdf|zip|gz))$/i;

export function scanWorkingTree(cwd = process.cwd()): Finding[] {
  const findings: Finding[] = [];
  for (const file of trackedFiles(cwd)) {
    if (SKIP.test(file)) continue;
    const full = `${cwd}/${file}`;
    let size = 0;
    try {
      size = statSync(full).size;
    } catch {
      continue; // deleted in the working tree
    }
    if (size > 2 * 1024 * 1024) continue;
    const text = readFileSync(full, 'utf8');
    if (text.includes('\0')) continue;
    findings.push(...scanText(file, text));
  }
  return findings;
}

export function scanHistory(cwd = process.cwd()): Finding[] {
  const log = execFileSync('git', ['log', '-p', '--all', '--no-color', '--unified=0', '--format=commit %H'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const findings: Finding[] = [];
  let commit = '';
  let file = '';
  for (const line of log.split('\n')) {
    if (line.startsWith('commit ')) commit = line.slice(7, 19);
    else if (line.startsWith('+++ b/')) file = line.slice(6);
    else if (line.startsWith('+') && !line.startsWith('+++') && !SKIP.test(file)) {
      for (const f of scanText(`${file} (commit ${commit})`, line.slice(1))) findings.push({ ...f, line: 0 });
    }
  }
  return findings;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { flags: ['all-history'] });
  const findings = args.flags.has('all-history') ? scanHistory() : scanWorkingTree();
  for (const f of findings) process.stdout.write(`${f.file}${f.line ? `:${f.line}` : ''}\t${f.rule}\n`);
  process.stdout.write(
    findings.length === 0
      ? 'secret scan: no credentials found\n'
      : `secret scan: ${findings.length} possible credential(s); remove them, rotate them (docs/runbooks/secret-rotation.md), or mark a deliberate fixture line with "${ALLOW_MARKER}"\n`,
  );
  return findings.length === 0 ? 0 : 1;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  runMain(main, 'Usage: npm run secret-scan [-- --all-history]\n');
}
