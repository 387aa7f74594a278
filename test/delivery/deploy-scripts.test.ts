import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanText } from '../../scripts/security/secret-scan';
import { runScript } from './support/run-script';

/**
 * A stand-in for Railway's GraphQL API on loopback: one project with the two services, deployments
 * whose statuses the test scripts, and deploymentRollback creating a new deployment.
 */
class FakeRailway {
  server!: Server;
  url = '';
  requests: { query: string; variables: Record<string, unknown>; token: string }[] = [];
  deployments: { id: string; status: string; createdAt: string; serviceId: string }[] = [];
  /** Status sequence handed out for new deployments on each poll. */
  nextStatuses: string[] = [];

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const { query, variables } = JSON.parse(body) as {
          query: string;
          variables: Record<string, unknown>;
        };
        this.requests.push({ query, variables, token: String(req.headers['project-access-token']) });
        res.setHeader('content-type', 'application/json');
        if (req.headers['project-access-token'] !== 'project-token') {
          res.end(JSON.stringify({ errors: [{ message: 'Not Authorized' }] }));
          return;
        }
        res.end(JSON.stringify({ data: this.answer(query, variables) }));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql/v2`;
  }

  private answer(query: string, variables: Record<string, unknown>): unknown {
    if (query.includes('projectToken')) return { projectToken: { projectId: 'p1', environmentId: 'e-prod' } };
    if (query.includes('project(id')) {
      return {
        project: {
          services: {
            edges: [
              { node: { id: 's-web', name: 'sentia-web' } },
              { node: { id: 's-worker', name: 'sentia-worker' } },
            ],
          },
        },
      };
    }
    if (query.includes('deployments(')) {
      const input = variables.input as { serviceId: string; environmentId: string; projectId: string };
      expect(input).toMatchObject({ projectId: 'p1', environmentId: 'e-prod' });
      const newest = this.deployments.filter((d) => d.serviceId === input.serviceId).at(-1);
      if (newest && newest.status !== 'SUCCESS' && this.nextStatuses.length > 0)
        newest.status = this.nextStatuses.shift()!;
      return {
        deployments: {
          edges: this.deployments
            .filter((d) => d.serviceId === input.serviceId)
            .map(({ id, status, createdAt }) => ({ node: { id, status, createdAt } })),
        },
      };
    }
    if (query.includes('deploymentRollback')) {
      const target = this.deployments.find((d) => d.id === variables.id)!;
      this.add(target.serviceId, `rollback-of-${target.id}`, 'DEPLOYING');
      return { deploymentRollback: true };
    }
    throw new Error(`unexpected query ${query}`);
  }

  add(serviceId: string, id: string, status: string): void {
    const createdAt = new Date(Date.UTC(2025, 0, 1, 0, this.deployments.length)).toISOString();
    this.deployments.push({ id, status, createdAt, serviceId });
  }
}

describe('npm run railway (deploy pipeline against a local stand-in of the Railway API)', () => {
  const railway = new FakeRailway();
  const env = () => ({ RAILWAY_TOKEN: 'project-token', RAILWAY_API_URL: railway.url, GITHUB_OUTPUT: '' });

  beforeAll(() => railway.start());
  afterAll(() => new Promise<void>((resolve) => railway.server.close(() => resolve())));

  it('current: prints the live deployment (the rollback target)', async () => {
    railway.add('s-web', 'd1', 'REMOVED');
    railway.add('s-web', 'd2', 'SUCCESS');
    railway.add('s-web', 'd3', 'FAILED');
    const result = await runScript(
      'scripts/deploy/railway.ts',
      ['current', '--service', 'sentia-web'],
      env(),
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('deployment_id=d2');
  });

  it('wait: follows the new deployment to SUCCESS', async () => {
    railway.add('s-web', 'd4', 'BUILDING');
    railway.nextStatuses = ['DEPLOYING', 'SUCCESS'];
    const result = await runScript(
      'scripts/deploy/railway.ts',
      ['wait', '--service', 'sentia-web', '--after', 'd2', '--interval', '0.05', '--timeout', '10'],
      env(),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('deployment d4 is DEPLOYING');
    expect(result.stdout).toContain('deployment_id=d4');
  });

  it('wait: fails when the new deployment crashes (the pipeline then rolls back)', async () => {
    railway.add('s-worker', 'w1', 'SUCCESS');
    railway.add('s-worker', 'w2', 'DEPLOYING');
    railway.nextStatuses = ['CRASHED'];
    const result = await runScript(
      'scripts/deploy/railway.ts',
      ['wait', '--service', 'sentia-worker', '--after', 'w1', '--interval', '0.05', '--timeout', '10'],
      env(),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('deployment w2 ended CRASHED');
  });

  it('rollback: asks Railway to roll back to the recorded deployment and waits until it serves', async () => {
    railway.nextStatuses = ['SUCCESS'];
    const result = await runScript(
      'scripts/deploy/railway.ts',
      ['rollback', '--service', 'sentia-web', '--to', 'd2', '--interval', '0.05', '--timeout', '10'],
      env(),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(
      railway.requests.some((r) => r.query.includes('deploymentRollback') && r.variables.id === 'd2'),
    ).toBe(true);
    expect(result.stdout).toContain('deployment_id=rollback-of-d2');
  });

  it('refuses to run with a wrong token, naming the API error', async () => {
    const result = await runScript('scripts/deploy/railway.ts', ['current', '--service', 'sentia-web'], {
      ...env(),
      RAILWAY_TOKEN: 'wrong',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Railway API: Not Authorized');
  });
});

describe('secret scan rules', () => {
  // Built at run time so this file itself never contains a credential-shaped literal.
  const samples: [string, string][] = [
    ['aws-access-key-id', `key = ${'AKIA'}${'Z'.repeat(16)}`],
    ['private-key', `-----BEGIN ${'RSA '}PRIVATE KEY-----`],
    ['github-token', `token: ${'ghp_'}${'a1'.repeat(18)}`],
    ['slack-token', `${'xoxb'}-123456789012-abcdefghij`],
    ['url-with-password', `DATABASE_URL=${'postgres'}://app:${'s3cr3t-'.repeat(2)}@ep-cool-1.neon.tech/db`],
    ['npm-token', `${'npm_'}${'x'.repeat(36)}`],
  ];

  it.each(samples)('finds %s', (rule, line) => {
    expect(scanText('file.txt', line).map((f) => f.rule)).toContain(rule);
  });

  it('does not flag local or placeholder connection strings, nor marked fixtures', () => {
    for (const line of [
      'postgres://postgres@127.0.0.1:5432/test',
      `postgres://sentia:${'$'}{POSTGRES_PASSWORD:-sentia-local}@postgres:5432/sentia`,
      'redis://:longpassword123@localhost:6379',
      `${'postgres'}://app:${'s3cr3t-'.repeat(2)}@ep-cool-1.neon.tech/db # secret-scan:allow`,
    ]) {
      expect(scanText('file.txt', line), line).toEqual([]);
    }
  });

  it('reports file and line, never the secret', () => {
    const [finding] = scanText('config/app.env', `\n\nX=${'AKIA'}${'Q'.repeat(16)}`);
    expect(finding).toEqual({ file: 'config/app.env', line: 3, rule: 'aws-access-key-id' });
  });
});
