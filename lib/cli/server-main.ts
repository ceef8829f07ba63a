#!/usr/bin/env node
import type { Cluster } from 'node:cluster';
import type { ServerConfig } from '../config.js';
import { startServer } from '../server/chat-service.js';
import { describeRedisUrl } from '../store/redis/redis-connect.js';
import { systemClock } from '../util/clock.js';
import { LogFile } from '../util/log-file.js';
import { createLogger, type Logger } from '../util/logger.js';
import { fromWhere } from './command-line.js';
import { exitWithUsageError, readProcessCommandLine } from './process-command-line.js';
import { SERVER_COMMAND } from './server-flags.js';
import { toServerConfig, workerCount } from './server-options.js';
import { WorkerSupervisor } from './worker-supervisor.js';

async function main(): Promise<void> {
  const parsed = readProcessCommandLine(SERVER_COMMAND);
  if (parsed === undefined) return;
  const argv = parsed.values;

  let config: ServerConfig;
  let workers: number;
  try {
    config = toServerConfig(argv);
    workers = workerCount(argv, config);
  } catch (error) {
    exitWithUsageError(SERVER_COMMAND.name, fromWhere((error as Error).message, parsed.sources));
  }
  logFile = config.logFile === null ? undefined : openLogFile(config.logFile);
  const file = logFile; // a const, for the handlers below to see it set
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, stream: file ?? process.stderr });
  // node:cluster only with --workers: a worker runs this same command line, so it loads it too.
  const cluster = workers > 1 ? (await import('node:cluster')).default : undefined;
  if (file !== undefined) {
    // Lines still queued when the process ends other than through exit() below (a crash).
    process.on('exit', () => {
      file.flushSync();
    });
    // logrotate moves the file away, then signals the process whose PID it has: the primary passes it on.
    process.on('SIGHUP', () => {
      for (const worker of Object.values(cluster?.workers ?? {})) worker?.process.kill('SIGHUP');
      try {
        file.reopen();
        logger.info('log.reopened', { file: file.path });
      } catch (error) {
        // Out of file descriptors, or a directory it may no longer write in: go on in the old file.
        logger.error('log.reopen_failed', { file: file.path, error: (error as Error).message });
      }
    });
  }
  if (cluster?.isPrimary) superviseWorkers(cluster, workers, logger);
  else await serve(config, logger, cluster);
}

/** `--log-file`, written off the event loop (the log goes to stderr without it). */
let logFile: LogFile | undefined;

function openLogFile(file: string): LogFile {
  try {
    return new LogFile(file);
  } catch (error) {
    console.error(`chat-line-server: cannot open --log-file ${file}: ${(error as Error).message}`);
    process.exit(1);
  }
}

/** Ends the process once the log file holds every line written so far (at most 2 s). */
function exit(code: number): void {
  if (logFile === undefined) process.exit(code);
  const timeout = setTimeout(() => process.exit(code), 2000);
  void logFile.flush().then(() => {
    clearTimeout(timeout);
    process.exit(code);
  });
}

/** `--workers N`: this process only forks N servers (same flags, one shared port) and keeps them running. */
function superviseWorkers(cluster: Cluster, count: number, logger: Logger): void {
  const supervisor = new WorkerSupervisor({
    count,
    clock: systemClock,
    logger,
    fork: () => {
      const worker = cluster.fork();
      return {
        pid: worker.process.pid,
        kill: (signal) => worker.process.kill(signal),
        onExit: (handler) => worker.on('exit', handler),
      };
    },
    onStopped: () => {
      logger.info('workers.stopped');
      exit(0);
    },
  });
  let signals = 0;
  const stop = (signal: string): void => {
    signals++;
    logger.info('workers.signal', { signal });
    supervisor.stop(signals > 1);
  };
  process.on('SIGINT', () => { stop('SIGINT'); });
  process.on('SIGTERM', () => { stop('SIGTERM'); });
  logger.info('workers.starting', { count, pid: process.pid });
  supervisor.start();
}

/** Which flag set the port a listener could not have. */
function flagOfPort(config: ServerConfig, port: number | undefined): string {
  if (port !== undefined && port === config.tls?.port) return '--tls-port';
  if (port !== undefined && port === config.http?.port) return '--http-port';
  if (port !== undefined && port === config.ssh?.port) return '--ssh-port';
  return '--port';
}

async function serve(config: ServerConfig, logger: Logger, cluster: Cluster | undefined): Promise<void> {
  let running;
  try {
    running = await startServer(config, { logger });
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { port?: number };
    const hint = err.code === 'EADDRINUSE' ? ` (port ${err.port ?? config.port} is in use; pick another with ${flagOfPort(config, err.port)})` : '';
    console.error(`chat-line-server: cannot start: ${err.message}${hint}`);
    exit(1);
    return;
  }
  logger.info('server.ready', {
    store: running.store.kind,
    dataDir: config.store === 'memory' ? undefined : config.dataDir,
    redis: config.redisUrl === null ? undefined : describeRedisUrl(config.redisUrl),
    worker: cluster?.worker?.id,
  });

  let signals = 0;
  const shutdown = (signal: string): void => {
    signals++;
    if (signals > 1) {
      logger.warn('server.forced_exit', { signal });
      exit(130);
      return;
    }
    logger.info('server.signal', { signal });
    running.close('server shutting down, see you soon').then(
      () => {
        exit(0);
      },
      (error: unknown) => {
        logger.error('server.close_failed', { error: String(error) });
        exit(1);
      },
    );
  };
  if (cluster?.isWorker === true) {
    // Ctrl+C reaches the whole process group; the primary answers it with a SIGTERM to
    // each worker, so a worker that took the SIGINT too would count two signals and not
    // shut down gracefully. And a worker whose primary is gone shuts down.
    process.on('SIGINT', () => undefined);
    process.on('disconnect', () => { shutdown('primary gone'); });
  } else {
    process.on('SIGINT', () => { shutdown('SIGINT'); });
  }
  process.on('SIGTERM', () => { shutdown('SIGTERM'); });
}

void main();
