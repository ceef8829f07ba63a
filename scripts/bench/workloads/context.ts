import type { QuietGate } from '../noise.js';
import type { Profile } from '../profiles.js';
import type { ServerKind } from '../protocol.js';
import type { RigOptions } from '../rig.js';

/** What every workload gets from the command line. */
export interface BenchContext {
  profile: Profile;
  workers: number;
  /** Profile the chat-line server (V8 --cpu-prof) into this directory. */
  cpuProfileDir?: string;
  /** Run chat-line from this server script (another build, see --against) rather than this tree's. */
  otherBuild?: string;
  log: (message: string) => void;
  quiet: QuietGate;
}

/** A rig for one workload: CPU profiling applies to chat-line only, and each starts on a quiet machine. */
export function rigOptions(ctx: BenchContext, kind: ServerKind, connections: number): RigOptions {
  return {
    kind,
    workers: ctx.workers,
    connections,
    beforeStart: () => ctx.quiet.wait(),
    ...(kind !== 'baseline' && ctx.cpuProfileDir !== undefined ? { cpuProfileDir: ctx.cpuProfileDir } : {}),
    ...(kind !== 'baseline' && ctx.otherBuild !== undefined ? { otherBuild: ctx.otherBuild } : {}),
  };
}
