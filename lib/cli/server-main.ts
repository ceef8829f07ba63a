#!/usr/bin/env node
import cluster from 'node:cluster';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { VERSION, type ServerConfig } from '../config.js';
import { startServer } from '../server/start-server.js';
import { describeRedisUrl } from '../store/redis-connect.js';
import { systemClock } from '../util/clock.js';
import { createLogger, type Logger } from '../util/logger.js';
import { defineServerOptions, toServerConfig, workerCount } from './server-options.js';
import { WorkerSupervisor } from './worker-supervisor.js';

async function main(): Promise<void> {
  const argv = await defineServerOptions(yargs(hideBin(process.argv)))
    .scriptName('chat-line-server')
    .usage('$0 [options]\n\nA chat server for the terminal. Connect with: nc 127.0.0.1 8000')
    .version(VERSION)
    .strict()
    .help()
    .parse();

  let config: ServerConfig;
  let workers: number;
  try {
    config = toServerConfig(argv);
    workers = workerCount(argv, config);
  } catch (error) {
    console.error(`chat-line-server: ${(error as Error).message}`);
    process.exit(2);
  }
  const logger = createLogger({ level: config.logLevel });
  if (workers > 1 && cluster.isPrimary) superviseWorkers(workers, logger);
  else await serve(config, logger);
}

/** `--workers N`: this process only forks N servers (same flags, one shared port) and keeps them running. */
function superviseWorkers(count: number, logger: Logger): void {
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
      process.exit(0);
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

async function serve(config: ServerConfig, logger: Logger): Promise<void> {
  let running;
  try {
    running = await startServer(config, { logger });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const hint = err.code === 'EADDRINUSE' ? ` (port ${config.port} is in use; pick another with --port)` : '';
    console.error(`chat-line-server: cannot start: ${err.message}${hint}`);
    process.exit(1);
  }
  const { server } = running;
  logger.info('server.ready', {
    store: running.store.kind,
    dataDir: config.store === 'memory' ? undefined : config.dataDir,
    redis: config.redisUrl === null ? undefined : describeRedisUrl(config.redisUrl),
    worker: cluster.isWorker ? cluster.worker?.id : undefined,
  });

  let signals = 0;
  const shutdown = (signal: string): void => {
    signals++;
    if (signals > 1) {
      logger.warn('server.forced_exit', { signal });
      process.exit(130);
    }
    logger.info('server.signal', { signal });
    server.close('server shutting down, see you soon').then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('server.close_failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  if (cluster.isWorker) {
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
