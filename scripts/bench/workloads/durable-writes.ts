import path from 'node:path';
import Database from 'better-sqlite3';
import { collectPhase } from '../fanout-step.js';
import { Meter, type CpuUse } from '../meter.js';
import { UNMEASURED_PHASE } from '../protocol.js';
import type { Profile } from '../profiles.js';
import { sleep, sum, withRig, type ConnectSummary, type Rig } from '../rig.js';
import { mergeHistograms, round, type LatencySummary } from '../stats.js';
import type { ClientSpec, LoadReport } from '../worker-api.js';
import { rigOptions, type BenchContext } from './context.js';

/** W4: how many messages per second chat-line stores and confirms when fan-out is tiny. */
export const MIN_STORED_PER_SEC = 20_000;

export interface DurableWritesResult {
  rooms: number;
  window: number;
  login: ConnectSummary;
  storedPerSec: number;
  ackLatency: LatencySummary;
  /** Share of the measured messages that reached both members of their room. */
  deliveredRatio: number;
  cpu: CpuUse;
  verification: { sent: number; acked: number; stored: number; ok: boolean };
  pass: boolean;
}

/** chat-line's database file in its data directory (DEFAULT_DB_FILE in lib/store/sqlite/sqlite-store.ts). */
const DB_FILE = 'chat-line.db';

function roomOf(sender: number): string {
  return `bench-${sender}`;
}

/** Room k has two members: s<k> sends (sender index k), r<k> only receives. */
function roomPairs(rooms: number): ClientSpec[] {
  return Array.from({ length: rooms }, (_, k) => [
    { nick: `s${k}`, password: `pw-s${k}`, sender: k, room: roomOf(k), measure: true },
    { nick: `r${k}`, password: `pw-r${k}`, sender: -1, room: roomOf(k), measure: true },
  ]).flat();
}

/**
 * Messages stored per room, read straight from the server's database after it has exited.
 * Plain SQL rather than chat-line's store class: that would migrate the file, and a lib
 * changed during a long run may not know the schema the server just wrote.
 */
function countStored(dataDir: string): Map<string, number> {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT room, COUNT(*) AS stored FROM messages WHERE room LIKE 'bench-%' GROUP BY room").all() as { room: string; stored: number }[];
    return new Map(rows.map((row) => [row.room, row.stored]));
  } finally {
    db.close();
  }
}

interface Measurement {
  storedPerSec: number;
  ackLatency: LatencySummary;
  deliveredRatio: number;
  cpu: CpuUse;
  reports: LoadReport[];
}

/** One closed-loop run: warm-up, measurement, then the senders stop and the last acks drain. */
async function measureOnce(rig: Rig, w4: Profile['w4']): Promise<Measurement> {
  await rig.pool.all('startLoad', { mode: 'closed', window: w4.window, phase: UNMEASURED_PHASE, maxDurationMs: w4.warmupMs + w4.measureMs + w4.drainTimeoutMs });
  const measured = rig.nextPhase();
  // Traffic after the measurement is still acknowledged and stored but not counted in the rate.
  const tail = rig.nextPhase();
  await sleep(w4.warmupMs);
  await rig.pool.all('setPhase', { phase: measured });
  const meter = new Meter(rig);
  const started = performance.now();
  await sleep(w4.measureMs);
  await rig.pool.all('setPhase', { phase: tail });
  const measuredMs = performance.now() - started;
  const cpu = meter.read();
  const reports = await rig.pool.all('stopLoad', { drainTimeoutMs: w4.drainTimeoutMs });

  const acked = sum(reports.map((r) => r.acked[measured] ?? 0));
  const sentMeasured = sum(reports.map((r) => r.sent[measured] ?? 0));
  const delivered = await collectPhase(rig, measured, sentMeasured, 2, w4.drainTimeoutMs);
  return {
    storedPerSec: round((acked * 1000) / measuredMs, 0),
    ackLatency: mergeHistograms(reports.flatMap((r) => (r.ackTimes[measured] ? [r.ackTimes[measured]] : []))).summary(),
    deliveredRatio: delivered.deliveredRatio,
    cpu,
    reports,
  };
}

/**
 * Closed loop: each sender keeps `window` messages unacknowledged in its own room and its
 * echo (sent only once the message is stored) is the acknowledgement. Afterwards the
 * database is opened to check that every acknowledged message is really there.
 */
export async function runDurableWrites(ctx: BenchContext): Promise<DurableWritesResult> {
  const { w4, loginConcurrency, loginTimeoutMs } = ctx.profile;
  return withRig(rigOptions(ctx, 'chat-line', w4.rooms * 2), async (rig) => {
    const login = await rig.connectAll(roomPairs(w4.rooms), loginConcurrency, loginTimeoutMs);
    ctx.log(`  ${login.connected} clients in ${w4.rooms} rooms; sending with a window of ${w4.window}`);
    const reports: LoadReport[] = [];
    const result = await ctx.quiet.unlessNoisy(ctx.profile.noisyRetries,
      async () => {
        const measurement = await measureOnce(rig, w4);
        reports.push(...measurement.reports);
        ctx.log(`  ${measurement.storedPerSec} msgs/s stored and acknowledged (CPU % server ${measurement.cpu.serverPct}, generator ${measurement.cpu.generatorPct}, other ${measurement.cpu.otherPct})`);
        return measurement;
      },
      (m) => ({ pass: m.storedPerSec >= MIN_STORED_PER_SEC, cpu: m.cpu }),
    );

    // Everything sent in any attempt and phase: all acknowledged by now if the server kept up.
    const sentByRoom = new Map<string, number>();
    for (const report of reports) {
      for (const [sender, count] of Object.entries(report.sentBySender)) {
        const room = roomOf(Number(sender));
        sentByRoom.set(room, (sentByRoom.get(room) ?? 0) + count);
      }
    }
    const sent = sum([...sentByRoom.values()]);
    const acked = sum(reports.flatMap((r) => Object.values(r.acked)));
    await rig.pool.close();
    await rig.server.stop();
    const storedByRoom = rig.server.dataDir === undefined ? new Map<string, number>() : countStored(rig.server.dataDir);
    const stored = sum([...storedByRoom.values()]);
    const roomsMatching = [...sentByRoom].filter(([room, count]) => storedByRoom.get(room) === count).length;
    ctx.log(`  the database holds ${stored} messages of ${sent} sent, ${acked} acknowledged; ${roomsMatching} of ${w4.rooms} rooms match`);
    return {
      rooms: w4.rooms,
      window: w4.window,
      login,
      storedPerSec: result.storedPerSec,
      ackLatency: result.ackLatency,
      deliveredRatio: result.deliveredRatio,
      cpu: result.cpu,
      verification: { sent, acked, stored, ok: stored === sent && acked === sent && roomsMatching === w4.rooms },
      pass: result.storedPerSec >= MIN_STORED_PER_SEC,
    };
  });
}
