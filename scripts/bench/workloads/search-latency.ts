import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../../lib/store/sqlite/sqlite-store.js';
import { LineSocket } from '../../trust/line-socket.js';
import { corpus, queries, roomName, SEARCHER, type CorpusShape } from '../search-corpus.js';
import { ServerProcess } from '../server-process.js';
import { Histogram, round, type LatencySummary } from '../stats.js';
import type { BenchContext } from './context.js';

/** W9: a two-word /search over the whole stored history answers within this, at the 99th percentile. */
export const MAX_SEARCH_P99_MS = 50;

/** A chat with a year's worth of a busy server's talk, squeezed into half a day (the server keeps it 24 h). */
const SHAPE: Omit<CorpusShape, 'messages'> = {
  rooms: 200,
  users: 2000,
  searcherRooms: 10,
  generalShare: 0.2,
  privateShare: 0.05,
  vocabulary: 20_000,
  spanMs: 12 * 3_600_000,
};
const SEED = 7;
const BATCH = 5000;

export interface SearchTimes {
  latency: LatencySummary;
  /** Message lines per answer, on average (a page is at most 20). */
  averageFound: number;
}

export interface SearchLatencyResult {
  messages: number;
  fillSeconds: number;
  queries: number;
  /** `/search a b`: everywhere the searcher may read (#general and 10 rooms of 200, their private messages). */
  everywhere: SearchTimes;
  /** `/search a b #room`: one of the searcher's rooms. */
  oneRoom: SearchTimes;
  pass: boolean;
}

/** The searcher's rooms: #general and every 7th room, SHAPE.searcherRooms of them. */
function searcherRooms(): string[] {
  return Array.from({ length: SHAPE.searcherRooms + 1 }, (_, i) => roomName(i * 7));
}

/** Stores the history straight into the database the server will open, as it would have stored it. */
async function fill(dataDir: string, messages: number, now: number): Promise<void> {
  const store = SqliteStore.open({ dataDir });
  try {
    for (let i = 0; i < SHAPE.rooms; i++) await store.createRoom({ name: roomName(i), visibility: 'public', owner: null, createdAt: now - SHAPE.spanMs });
    for (const room of searcherRooms()) await store.addMember({ room, nick: SEARCHER, sinceId: 0 });
    for (const batch of corpus({ ...SHAPE, messages }, now, SEED, BATCH)) await store.appendMessages(batch);
  } finally {
    await store.close();
  }
}

/** Times each search from the line sent to the last line of its answer, one at a time. */
async function timeSearches(socket: LineSocket, lines: readonly string[], counted: { found: number }): Promise<SearchTimes> {
  const histogram = new Histogram();
  const before = counted.found;
  for (const line of lines) {
    const started = performance.now();
    await socket.command(line, (answer) => answer.startsWith('-- end of search') || answer.startsWith('-- no messages found'), 30_000);
    histogram.record(performance.now() - started);
  }
  return { latency: histogram.summary(), averageFound: round((counted.found - before) / Math.max(1, lines.length)) };
}

/**
 * W9: a chat-line server on an SQLite database holding `messages` messages (words drawn by
 * Zipf's law, as in real text) answers one user's two-word searches, one after the other:
 * first everywhere they may read, then in one of their rooms. The time is the user's: from
 * sending the line to the end of the answer.
 */
export async function runSearchLatency(ctx: BenchContext): Promise<SearchLatencyResult> {
  const { messages, queries: count, warmupQueries } = ctx.profile.w9;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-line-bench-w9-'));
  try {
    const now = Date.now();
    const filling = performance.now();
    await fill(dataDir, messages, now);
    const fillSeconds = round((performance.now() - filling) / 1000, 1);
    ctx.log(`  stored ${messages.toLocaleString('en-US')} messages in ${fillSeconds} s`);
    await ctx.quiet.wait();
    const server = await ServerProcess.start({ kind: 'chat-line', connections: 4, dataDir, extraArgs: ['--message-ttl', '24h'] });
    try {
      const counted = { found: 0 };
      const socket = await LineSocket.connect(server.port, (line) => {
        if (line.startsWith('[')) counted.found++;
      });
      try {
        await socket.login(SEARCHER, 'pw-searcher', 120_000);
        const asked = queries({ ...SHAPE, messages }, warmupQueries + count, SEED);
        await timeSearches(socket, asked.slice(0, warmupQueries).map((words) => `/search ${words}`), counted);
        const measured = asked.slice(warmupQueries);
        const everywhere = await timeSearches(socket, measured.map((words) => `/search ${words}`), counted);
        const oneRoom = await timeSearches(socket, measured.map((words) => `/search ${words} #${roomName(7)}`), counted);
        ctx.log(`  everywhere: p50 ${everywhere.latency.p50Ms} ms, p99 ${everywhere.latency.p99Ms} ms; in one room: p50 ${oneRoom.latency.p50Ms} ms, p99 ${oneRoom.latency.p99Ms} ms`);
        return { messages, fillSeconds, queries: count, everywhere, oneRoom, pass: everywhere.latency.p99Ms < MAX_SEARCH_P99_MS };
      } finally {
        socket.close();
      }
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
