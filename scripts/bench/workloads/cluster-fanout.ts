import { onEmergencyStop } from '../cleanup.js';
import { withRig } from '../rig.js';
import { startRedisServer, type RedisServer } from '../../../spec/helpers/redis-server.js';
import { rigOptions, type BenchContext } from './context.js';
import { sweepRoom, type FanoutResult } from './fanout.js';

/** How many chat-line processes W6 spreads the room over, one sweep each. */
export const CLUSTER_SIZES = [1, 2, 4] as const;

/** W6: W1's fan-out on chat-line over Redis, the room's clients on one process, then split over two and four. */
export interface ClusterFanoutResult {
  /** One sweep per entry of CLUSTER_SIZES, in that order. */
  runs: { processes: number; result: FanoutResult }[];
}

/**
 * Every run uses the same redis-server, started here on a free port with its own
 * directory (a new key prefix each, so the second starts empty): what changes is only how
 * many chat-line processes share the room. The server CPU figures include Redis.
 */
export async function runClusterFanout(ctx: BenchContext): Promise<ClusterFanoutResult> {
  const redis = await startRedisServer();
  const unregister = onEmergencyStop(() => {
    process.kill(redis.pid, 'SIGKILL');
  });
  try {
    const runs: ClusterFanoutResult['runs'] = [];
    for (const processes of CLUSTER_SIZES) runs.push({ processes, result: await sweepCluster(ctx, redis, processes) });
    return { runs };
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
