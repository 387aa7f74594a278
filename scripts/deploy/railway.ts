/**
 * `npm run railway -- <current|wait|rollback> --service <name> …`: the deploy pipeline's view of a
 * Railway service, through Railway's public GraphQL API with the environment's project token
 * (RAILWAY_TOKEN). The Railway CLI uploads and builds (`railway up`); this script records what was
 * live before, waits for the new deployment to pass its health check, and rolls back to the recorded
 * deployment when anything after the deploy fails.
 *
 *   current  --service sentia-web                      prints deployment_id=<id of the live deployment>
 *   wait     --service sentia-web --after <id|none>    waits for a newer deployment to be SUCCESS
 *   rollback --service sentia-web --to <id>            rolls back to <id> and waits for it to be live
 */
import { appendFileSync } from 'node:fs';
import { parseArgs, runMain, UsageError } from '../lib/args';

const USAGE = `Usage: npm run railway -- <current|wait|rollback> --service <name> [--after <id|none>] [--to <id>] [--timeout <s>]
  Needs RAILWAY_TOKEN (a project token of the target environment). RAILWAY_API_URL overrides the API endpoint.
`;

export interface Deployment {
  id: string;
  status: string;
  createdAt: string;
}

const FAILED = new Set(['FAILED', 'CRASHED', 'REMOVED', 'SKIPPED']);

export class RailwayApi {
  constructor(
    private readonly token: string,
    private readonly endpoint = 'https://backboard.railway.com/graphql/v2',
  ) {}

  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'project-access-token': this.token },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[] };
    if (!response.ok || body.errors?.length || !body.data) {
      throw new Error(
        `Railway API: ${body.errors?.map((e) => e.message).join('; ') || `HTTP ${response.status}`}`,
      );
    }
    return body.data;
  }

  async scope(serviceName: string): Promise<{ projectId: string; environmentId: string; serviceId: string }> {
    const { projectToken } = await this.graphql<{
      projectToken: { projectId: string; environmentId: string };
    }>('query { projectToken { projectId environmentId } }');
    const { project } = await this.graphql<{
      project: { services: { edges: { node: { id: string; name: string } }[] } };
    }>('query project($id: String!) { project(id: $id) { services { edges { node { id name } } } } }', {
      id: projectToken.projectId,
    });
    const service = project.services.edges.find((e) => e.node.name === serviceName)?.node;
    if (!service) throw new Error(`no service named ${serviceName} in the Railway project`);
    return { ...projectToken, serviceId: service.id };
  }

  async deployments(serviceName: string): Promise<Deployment[]> {
    const scope = await this.scope(serviceName);
    const { deployments } = await this.graphql<{ deployments: { edges: { node: Deployment }[] } }>(
      `query deployments($input: DeploymentListInput!) {
        deployments(input: $input, first: 20) { edges { node { id status createdAt } } }
      }`,
      { input: scope },
    );
    return deployments.edges.map((e) => e.node).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async rollback(deploymentId: string): Promise<void> {
    await this.graphql('mutation rollback($id: String!) { deploymentRollback(id: $id) }', {
      id: deploymentId,
    });
  }
}

/** The deployment serving now: the newest SUCCESS one. */
export function liveDeployment(deployments: Deployment[]): Deployment | undefined {
  return deployments.find((d) => d.status === 'SUCCESS');
}

/**
 * Polls until a deployment newer than `after` is SUCCESS (returns it) or has failed (throws).
 * `after` = none: any deployment counts (a first deploy).
 */
export async function waitForNewDeployment(
  api: RailwayApi,
  service: string,
  after: string | null,
  options: { timeoutMs: number; intervalMs: number; log: (line: string) => void },
): Promise<Deployment> {
  const deadline = Date.now() + options.timeoutMs;
  let lastStatus = '';
  for (;;) {
    const all = await api.deployments(service);
    const previous = after ? all.find((d) => d.id === after) : undefined;
    const candidates = all.filter((d) => d.id !== after && (!previous || d.createdAt > previous.createdAt));
    const newest = candidates[0];
    if (newest) {
      if (newest.status !== lastStatus)
        options.log(`${service}: deployment ${newest.id} is ${newest.status}`);
      lastStatus = newest.status;
      if (newest.status === 'SUCCESS') return newest;
      if (FAILED.has(newest.status))
        throw new Error(`${service}: deployment ${newest.id} ended ${newest.status}`);
    }
    if (Date.now() > deadline) throw new Error(`${service}: no healthy new deployment within the time limit`);
    await new Promise((r) => setTimeout(r, options.intervalMs));
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), {
    values: ['service', 'after', 'to', 'timeout', 'interval'],
  });
  const [command] = args.positional;
  const service = args.values.service;
  if (!command || !['current', 'wait', 'rollback'].includes(command)) throw new UsageError('give a command');
  if (!service) throw new UsageError('--service is required');
  const token = process.env.RAILWAY_TOKEN;
  if (!token) throw new UsageError('RAILWAY_TOKEN is not set');
  const api = new RailwayApi(token, process.env.RAILWAY_API_URL || undefined);
  const timing = {
    timeoutMs: Number(args.values.timeout ?? 900) * 1000,
    intervalMs: Number(args.values.interval ?? 10) * 1000,
    log: (line: string) => process.stdout.write(`${line}\n`),
  };
  const output = (key: string, value: string) => {
    process.stdout.write(`${key}=${value}\n`);
    if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${key}=${value}\n`);
  };

  if (command === 'current') {
    output('deployment_id', liveDeployment(await api.deployments(service))?.id ?? 'none');
    return 0;
  }
  if (command === 'wait') {
    const after = args.values.after && args.values.after !== 'none' ? args.values.after : null;
    const deployment = await waitForNewDeployment(api, service, after, timing);
    output('deployment_id', deployment.id);
    return 0;
  }
  const to = args.values.to;
  if (!to || to === 'none') {
    process.stdout.write(`${service}: nothing to roll back to (first deployment); leaving it as it is\n`);
    return 1;
  }
  const before = liveDeployment(await api.deployments(service));
  await api.rollback(to);
  process.stdout.write(`${service}: rollback to ${to} requested\n`);
  const restored = await waitForNewDeployment(api, service, before?.id ?? null, timing);
  output('deployment_id', restored.id);
  return 0;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) runMain(main, USAGE);
