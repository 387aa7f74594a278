import { createHash, createHmac } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSafeKey, type BackupStore, type StoredObject } from './store';

/**
 * A minimal S3-compatible client (AWS Signature Version 4, no SDK): PUT, GET, ListObjectsV2 and
 * DELETE — all a backup store needs. Works with AWS S3, Cloudflare R2, MinIO, Backblaze B2 and other
 * S3-compatible services. Objects are uploaded in one PUT, so one file may be at most 5 GB.
 */
export interface S3Config {
  /** e.g. https://s3.eu-west-2.amazonaws.com or http://127.0.0.1:9000; default AWS for the region. */
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Path-style URLs (endpoint/bucket/key); needed by most self-hosted servers. */
  forcePathStyle: boolean;
}

export function s3ConfigFromEnv(env: NodeJS.ProcessEnv): S3Config {
  const region = env.S3_REGION || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
  const accessKeyId = env.S3_ACCESS_KEY_ID || env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('an s3:// store needs S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY (or the AWS_* equivalents)');
  }
  const endpoint = env.S3_ENDPOINT || `https://s3.${region}.amazonaws.com`;
  const config: S3Config = {
    endpoint: endpoint.replace(/\/+$/, ''),
    region,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'true' : Boolean(env.S3_ENDPOINT),
  };
  const sessionToken = env.AWS_SESSION_TOKEN;
  if (sessionToken) config.sessionToken = sessionToken;
  return config;
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** RFC 3986 encoding as SigV4 wants it (every byte but unreserved characters). */
export function uriEncode(value: string, encodeSlash = true): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(ch) || (ch === '/' && !encodeSlash)) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export interface SignableRequest {
  method: string;
  /** Absolute path, not yet encoded. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  payloadSha256: string;
}

/**
 * Signs a request with AWS Signature Version 4 and returns the headers to send (the given ones plus
 * x-amz-date, x-amz-content-sha256, optional x-amz-security-token and Authorization).
 */
export function signV4(
  request: SignableRequest,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  region: string,
  now: Date,
  service = 's3',
): Record<string, string> {
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const dateStamp = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...request.headers,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': request.payloadSha256,
  };
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const lower = Object.entries(headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonicalHeaders = lower.map(([k, v]) => `${k}:${v}\n`).join('');
  const signedHeaders = lower.map(([k]) => k).join(';');
  const canonicalQuery = Object.entries(request.query)
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [
    request.method,
    uriEncode(request.path, false),
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    request.payloadSha256,
  ].join('\n');
  const scope = `${dateStamp}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, dateStamp), region), service),
    'aws4_request',
  );
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  headers.Authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

interface S3Response {
  status: number;
  body: Readable;
}

export class S3Store implements BackupStore {
  readonly description: string;
  private readonly config: S3Config & { bucket: string; prefix: string };

  constructor(config: S3Config & { bucket: string; prefix?: string }) {
    this.config = { ...config, prefix: (config.prefix ?? '').replace(/^\/+|\/+$/g, '') };
    this.description = `s3://${config.bucket}/${this.config.prefix}`;
  }

  private objectKey(key: string): string {
    assertSafeKey(key);
    return this.config.prefix ? `${this.config.prefix}/${key}` : key;
  }

  private async request(
    method: string,
    objectKey: string | null,
    query: Record<string, string>,
    body?: { file: string; size: number; sha256: string },
  ): Promise<S3Response> {
    const endpoint = new URL(this.config.endpoint);
    let host = endpoint.host;
    let requestPath = endpoint.pathname.replace(/\/+$/, '');
    if (this.config.forcePathStyle) requestPath += `/${this.config.bucket}`;
    else host = `${this.config.bucket}.${host}`;
    requestPath += objectKey === null ? '/' : `/${objectKey}`;
    const headers: Record<string, string> = { host };
    if (body) headers['content-length'] = String(body.size);
    const signed = signV4(
      { method, path: requestPath, query, headers, payloadSha256: body?.sha256 ?? EMPTY_SHA256 },
      this.config,
      this.config.region,
      new Date(),
    );
    const search = Object.entries(query)
      .map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`)
      .join('&');
    const transport = endpoint.protocol === 'https:' ? https : http;
    return new Promise<S3Response>((resolve, reject) => {
      const req = transport.request(
        {
          protocol: endpoint.protocol,
          hostname: this.config.forcePathStyle
            ? endpoint.hostname
            : `${this.config.bucket}.${endpoint.hostname}`,
          port: endpoint.port || undefined,
          method,
          path: `${uriEncode(requestPath, false)}${search ? `?${search}` : ''}`,
          headers: signed,
          timeout: 120_000,
        },
        (res) => resolve({ status: res.statusCode ?? 0, body: res }),
      );
      req.on('timeout', () => req.destroy(new Error(`S3 ${method} timed out`)));
      req.on('error', reject);
      if (body) createReadStream(body.file).on('error', reject).pipe(req);
      else req.end();
    });
  }

  private async fail(what: string, response: S3Response): Promise<never> {
    const text = await readAll(response.body);
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? text.slice(0, 200);
    throw new Error(`S3 ${what} failed: HTTP ${response.status} ${code}`);
  }

  async put(key: string, sourceFile: string): Promise<void> {
    const size = (await stat(sourceFile)).size;
    const response = await this.request(
      'PUT',
      this.objectKey(key),
      {},
      {
        file: sourceFile,
        size,
        sha256: await sha256File(sourceFile),
      },
    );
    if (response.status !== 200) await this.fail(`PUT ${key}`, response);
    response.body.resume();
  }

  async get(key: string, destinationFile: string): Promise<void> {
    const response = await this.request('GET', this.objectKey(key), {});
    if (response.status !== 200) await this.fail(`GET ${key}`, response);
    await mkdir(path.dirname(destinationFile), { recursive: true });
    await pipeline(response.body, createWriteStream(destinationFile));
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const fullPrefix = this.config.prefix ? `${this.config.prefix}/${prefix}` : prefix;
    const out: StoredObject[] = [];
    let token: string | undefined;
    do {
      const query: Record<string, string> = { 'list-type': '2', prefix: fullPrefix };
      if (token) query['continuation-token'] = token;
      const response = await this.request('GET', null, query);
      if (response.status !== 200) await this.fail(`LIST ${prefix}`, response);
      const xml = await readAll(response.body);
      for (const match of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const block = match[1]!;
        const key = decodeXml(/<Key>([\s\S]*?)<\/Key>/.exec(block)?.[1] ?? '');
        const size = Number(/<Size>(\d+)<\/Size>/.exec(block)?.[1] ?? 0);
        const relative = this.config.prefix ? key.slice(this.config.prefix.length + 1) : key;
        out.push({ key: relative, size });
      }
      token = /<IsTruncated>true<\/IsTruncated>/.test(xml)
        ? decodeXml(/<NextContinuationToken>([\s\S]*?)<\/NextContinuationToken>/.exec(xml)?.[1] ?? '')
        : undefined;
    } while (token);
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }

  async delete(key: string): Promise<void> {
    const response = await this.request('DELETE', this.objectKey(key), {});
    if (response.status !== 204 && response.status !== 200) await this.fail(`DELETE ${key}`, response);
    response.body.resume();
  }
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
