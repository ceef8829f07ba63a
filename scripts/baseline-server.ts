/**
 * The yardstick for the fan-out benchmarks: the least a Node broadcast server can do.
 * node:net only, no storage, no rooms, no parsing beyond line ends. A client's first line
 * is its nickname, answered with `-- welcome <nick>`; every later line goes to all OTHER
 * clients as `<nick> text`. Output is queued per recipient and written once per recipient
 * per event-loop turn (setImmediate), the same coalescing chat-line does, so the
 * comparison is about everything else.
 *
 *   tsx scripts/baseline-server.ts --port 9000
 */
import net from 'node:net';
import { integer } from '../lib/cli/flag-values.js';
import { exitWithUsageError, readProcessCommandLine } from '../lib/cli/process-command-line.js';

const LF = 0x0a;
const CR = 0x0d;
/** Like chat-line's --max-queue in the bench: a client that stops reading is cut off here. */
const MAX_QUEUE_BYTES = 64 * 1024 * 1024;
const MAX_LINE_BYTES = 4096;
const CRLF = Buffer.from('\r\n');
/** The one line the server sends of its own: the answer to the nickname. */
const WELCOME = '-- welcome ';

class Peer {
  nick: string | undefined;
  prefix: Buffer = Buffer.alloc(0);
  pending: Buffer[] = [];
  pendingBytes = 0;
  partial: Buffer | undefined;

  constructor(readonly socket: net.Socket) {}
}

const peers = new Set<Peer>();
const dirty = new Set<Peer>();
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  for (const peer of dirty) {
    const data = peer.pending.length === 1 ? (peer.pending[0] as Buffer) : Buffer.concat(peer.pending, peer.pendingBytes);
    peer.pending = [];
    peer.pendingBytes = 0;
    if (!peer.socket.destroyed) peer.socket.write(data);
  }
  dirty.clear();
}

function queue(peer: Peer, data: Buffer): void {
  if (peer.pendingBytes + peer.socket.writableLength > MAX_QUEUE_BYTES) {
    peer.socket.destroy();
    return;
  }
  peer.pending.push(data);
  peer.pendingBytes += data.length;
  dirty.add(peer);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
}

function broadcast(from: Peer, text: Buffer): void {
  // One buffer per line, shared by every recipient.
  const line = Buffer.concat([from.prefix, text, CRLF]);
  for (const peer of peers) if (peer !== from && peer.nick !== undefined) queue(peer, line);
}

function onLine(peer: Peer, text: Buffer): void {
  if (peer.nick === undefined) {
    peer.nick = text.toString('utf8').trim();
    peer.prefix = Buffer.from(`<${peer.nick}> `);
    // So the load generator knows this client will be sent the room's lines from now on.
    queue(peer, Buffer.from(`${WELCOME}${peer.nick}\r\n`));
    return;
  }
  broadcast(peer, text);
}

function onData(peer: Peer, chunk: Buffer): void {
  const buf = peer.partial ? Buffer.concat([peer.partial, chunk]) : chunk;
  peer.partial = undefined;
  let start = 0;
  for (let lf = buf.indexOf(LF, start); lf !== -1; lf = buf.indexOf(LF, start)) {
    const end = lf > start && buf[lf - 1] === CR ? lf - 1 : lf;
    onLine(peer, buf.subarray(start, end));
    start = lf + 1;
  }
  if (start < buf.length) {
    if (buf.length - start > MAX_LINE_BYTES) peer.socket.destroy();
    else peer.partial = buf.subarray(start);
  }
}

function main(): void {
  const argv = readProcessCommandLine({
    name: 'baseline-server',
    usage: '--port PORT',
    about: 'A bare broadcast server, the yardstick for scripts/bench.ts.',
    flags: {
      port: { type: 'string', value: 'PORT', describe: 'TCP port to listen on' },
      host: { type: 'string', default: '127.0.0.1', value: 'HOST', describe: 'address to listen on' },
    },
  } as const)?.values;
  if (argv === undefined) return;
  let port: number;
  try {
    port = integer('port', argv.port ?? '', 0, 65535);
  } catch (error) {
    exitWithUsageError('baseline-server', (error as Error).message);
  }

  const server = net.createServer({ noDelay: true }, (socket) => {
    const peer = new Peer(socket);
    peers.add(peer);
    socket.on('data', (chunk: Buffer) => {
      onData(peer, chunk);
    });
    socket.on('error', () => {
      socket.destroy();
    });
    socket.on('close', () => {
      peers.delete(peer);
      dirty.delete(peer);
    });
  });
  server.listen(port, argv.host);

  // A clean exit on SIGTERM, so `--cpu-prof` gets to write its profile.
  const stop = (): void => {
    for (const peer of peers) peer.socket.destroy();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
