import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

/**
 * A real, throwaway `redis-server` for the Redis specs: its own free port, no persistence,
 * its own temporary directory. Never a system instance, whose data we must not touch.
 */

export const REDIS_MISSING = 'redis-server not installed: apt-get install -y redis-server';

const READY_TIMEOUT_MS = 10_000;
const POLL_MS = 25;

export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  pid: number;
  /** Kills the server (by its PID) and removes its directory. */
  stop(): Promise<void>;
  /**
   * Kills the server and starts a new one on the same port: with no persistence, it comes
   * back empty, as a Redis restarted without its data does. Clients reconnect to it.
   */
  restart(): Promise<void>;
}

/** Whether a `redis-server` executable is on PATH. */
export const hasRedisServer: boolean = (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
  try {
    fs.accessSync(path.join(dir, 'redis-server'), fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

/** A suite title that says why its tests are pending when there is no redis-server. */
export function redisSuiteTitle(name: string): string {
  return hasRedisServer ? name : `${name} (pending: ${REDIS_MISSING})`;
}

/**
 * For a `before` hook: starts a server, or skips the suite (its tests are reported as
 * pending) when redis-server is not installed.
 */
export async function startRedisOrSkip(context: Mocha.Context): Promise<RedisServer> {
  if (!hasRedisServer) context.skip();
  return startRedisServer();
}

/**
 * Starts a server on a free port; a port taken between choosing and binding is retried.
 * `extraArgs` go to redis-server after the usual ones (e.g. `--rename-command CONFIG ""`).
 */
export async function startRedisServer(extraArgs: readonly string[] = []): Promise<RedisServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(await freePort(), extraArgs);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOnce(port: number, extraArgs: readonly string[]): Promise<RedisServer> {
  let running = await spawnRedis(port, extraArgs);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return running.pid;
    },
    stop: () => running.stop(),
    restart: async () => {
      await running.stop();
      running = await spawnRedis(port, extraArgs);
    },
  };
}

/** One redis-server process on `port`, in a temporary directory of its own. */
async function spawnRedis(port: number, extraArgs: readonly string[]): Promise<{ pid: number; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-line-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('close', () => { resolve(); }));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPing(port, child);
  } catch (error) {
    await stop();
    throw new Error(`redis-server did not start on port ${port}: ${String(error)}\n${output}`);
  }
  return { pid: child.pid ?? 0, stop };
}

/** Runs `work` on a connection of its own to `url`, as an operator's redis-cli would (to flush it, say). */
export async function onRedis<T>(url: string, work: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(url, { lazyConnect: true });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.quit();
  }
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => { resolve(port); });
    });
  });
}

async function waitForPing(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('it exited');
    if (await ping(port)) return;
    if (Date.now() > deadline) throw new Error(`no PONG within ${READY_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** One PING over a raw socket: true on +PONG, false on any failure. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => { done(false); });
    socket.once('error', () => { done(false); });
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
