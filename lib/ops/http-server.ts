import type http from 'node:http';
import type { Logger } from '../util/logger.js';
import type { Metrics } from './metrics.js';

/**
 * `GET /status`: what the seeds' status endpoint returned, for this server. For operators:
 * its counts are of the whole chat, private rooms and private messages included, which no
 * user is shown (/status in the chat counts only what the asker can see).
 */
export interface StatusReport {
  /** Says the above in the JSON itself, for whoever finds the endpoint. */
  note: string;
  /** ISO 8601, with the server's offset. */
  time: string;
  uptimeSeconds: number;
  version: string;
  connections: number;
  usersOnline: number;
  rooms: number;
  /** null once the store lost its data (then `storeLost` says why). */
  messagesStored: number | null;
  store: string;
  storeLost?: string;
}

export interface HttpDeps {
  status(): Promise<StatusReport>;
  /** Why the server cannot serve (shutting down, its store lost its data), or undefined: /healthz answers 503 with it. */
  problem(): string | undefined;
  metrics: Metrics;
  logger: Logger;
}

const TEXT = 'text/plain; charset=utf-8';

export const STATUS_NOTE = 'for operators: counts cover the whole chat, private rooms and messages included; do not expose this endpoint to users';

/**
 * The operations endpoint (`--http-port`): /status (JSON), /healthz and /metrics
 * (Prometheus). Read-only, no framework; bound to 127.0.0.1 unless told otherwise, and
 * for operators only: its figures include private traffic (see StatusReport). node:http is
 * loaded only when the endpoint is asked for.
 */
export async function createHttpServer(deps: HttpDeps): Promise<http.Server> {
  const { createServer } = await import('node:http');
  return createServer((request, response) => {
    void route(deps, request, response);
  });
}

async function route(deps: HttpDeps, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  let status = 200;
  try {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      status = reply(response, 405, TEXT, 'only GET is served here\n', { Allow: 'GET, HEAD' });
    } else if (path === '/status') {
      status = reply(response, 200, 'application/json; charset=utf-8', JSON.stringify(await deps.status(), null, 2) + '\n');
    } else if (path === '/healthz') {
      const problem = deps.problem();
      status = problem === undefined ? reply(response, 200, TEXT, 'ok\n') : reply(response, 503, TEXT, `${problem}\n`);
    } else if (path === '/metrics') {
      status = reply(response, 200, deps.metrics.registry.contentType, await deps.metrics.registry.metrics());
    } else {
      status = reply(response, 404, TEXT, 'not found: try /status, /healthz or /metrics\n');
    }
  } catch (error) {
    deps.logger.error('http.failed', { path, error: String(error) });
    status = reply(response, 500, TEXT, 'internal error\n');
  }
  deps.logger.debug('http.request', { method: request.method, path, status });
}

function reply(response: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): number {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  response.end(body);
  return status;
}
