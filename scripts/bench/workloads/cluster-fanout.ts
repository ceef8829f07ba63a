import { onEmergencyStop } from '../cleanup.js';
import { withRig } from '../rig.js';
import { startRedisServer, type RedisServer } from '../../../spec/helpers/redis-server.js';
import { rigOptions, type BenchContext } from './context.js';
import { sweepRoom, type FanoutResult } from './fanout.js';

/** W6: W1's fan-out on chat-line over Redis, the room's clients on one process, then split over two. */
export interface ClusterFanoutResult {
  oneProcess: FanoutResult;
  twoProcesses: FanoutResult;
  /** Two processes' maximum rate / one process's. */
  ratio: number;
}

/**
 * Both runs use the same redis-server, started here on a free port with its own
 * directory (a new key prefix each, so the second starts empty): what changes is only how
 * many chat-line processes share the room. The server CPU figures include Redis.
 */
export async function runClusterFanout(ctx: BenchContext): Promise<ClusterFanoutResult> {
  const redis = await startRedisServer();
  const unregister = onEmergencyStop(() => {
    process.kill(redis.pid, 'SIGKILL');
  });
  try {
    const oneProcess = await sweepCluster(ctx, redis, 1);
    const twoProcesses = await sweepCluster(ctx, redis, 2);
    const ratio = oneProcess.maxRate > 0 ? twoProcesses.maxRate / oneProcess.maxRate : 0;
    return { oneProcess, twoProcesses, ratio };
  } finally {
    unregister();
    await redis.stop();
  }
}

async function sweepCluster(ctx: BenchContext, redis: RedisServer, servers: number): Promise<FanoutResult> {
  const room = ctx.profile.w1;
  const options = {
    ...rigOptions(ctx, 'chat-line', room.clients),
    servers,
    extraArgs: ['--redis', redis.url, '--redis-prefix', `bench-w6-${servers}:`],
    meteredPids: [redis.pid],
  };
  ctx.log(`  ${servers} chat-line process${servers === 1 ? '' : 'es'} over Redis`);
  return withRig(options, (rig) => sweepRoom(ctx, rig, room));
}
