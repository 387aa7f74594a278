import { execSync } from 'node:child_process';

/** End-to-end tests drive the real built app: build it once before they start. */
export default function setup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  execSync('npm run build --silent', { stdio: 'inherit', cwd: new URL('../../', import.meta.url).pathname });
}
