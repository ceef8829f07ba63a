import { expect } from 'chai';
import { Writable } from 'node:stream';
import { ChunkJoiner, FlushScheduler } from '../../lib/session/flush-scheduler.js';
import { OutputQueue } from '../../lib/session/output-queue.js';

/** A socket stand-in that records each write and, while `holding`, does not finish them. */
class RecordingSink extends Writable {
  /** The buffers as written, so a test can tell a shared buffer from a copy. */
  readonly buffers: Buffer[] = [];
  holding = false;
  private held: (() => void)[] = [];

  constructor(highWaterMark = 1024) {
    super({ highWaterMark });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.buffers.push(chunk);
    if (this.holding) this.held.push(done);
    else done();
  }

  get writes(): string[] {
    return this.buffers.map((buffer) => buffer.toString());
  }

  release(): void {
    this.holding = false;
    for (const done of this.held.splice(0)) done();
  }
}

describe('a session output queue', () => {
  function setup(maxBytes = 1 << 20): {
    scheduler: FlushScheduler;
    endTurn: () => void;
    queue: (sink: RecordingSink, onOverflow?: (pending: number) => void) => OutputQueue;
  } {
    const runs: (() => void)[] = [];
    const scheduler = new FlushScheduler((fn) => runs.push(fn));
    return {
      scheduler,
      endTurn: () => runs.shift()?.(),
      queue: (sink, onOverflow = () => undefined) => new OutputQueue(sink, scheduler, maxBytes, { onOutputOverflow: onOverflow }),
    };
  }

  it('writes the lines of one turn together, at the end of the turn', () => {
    const { endTurn, queue } = setup();
    const sink = new RecordingSink();
    const output = queue(sink);
    output.push(Buffer.from('one\r\n'));
    output.push(Buffer.from('two\r\n'));
    expect(sink.writes).to.deep.equal([]);
    endTurn();
    output.push(Buffer.from('three\r\n'));
    endTurn();
    expect(sink.writes).to.deep.equal(['one\r\ntwo\r\n', 'three\r\n']);
  });

  it('keeps going after an empty write', () => {
    const { endTurn, queue } = setup();
    const sink = new RecordingSink();
    const output = queue(sink);
    output.push(Buffer.alloc(0));
    output.push(Buffer.from('after\r\n'));
    endTurn();
    expect(sink.writes).to.deep.equal(['after\r\n']);
  });

  it('holds output while the socket is backed up and sends it in one write once drained', async () => {
    const { endTurn, queue } = setup();
    const sink = new RecordingSink(4);
    const output = queue(sink);
    sink.holding = true;
    output.push(Buffer.from('first\r\n'));
    endTurn();
    output.push(Buffer.from('second\r\n'));
    output.push(Buffer.from('third\r\n'));
    endTurn();
    expect(sink.writes).to.deep.equal(['first\r\n']);
    sink.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.writes).to.deep.equal(['first\r\n', 'second\r\nthird\r\n']);
  });

  it('gives up on a client whose unsent output passes the limit, and drops what was queued', () => {
    const { endTurn, queue } = setup(20);
    const sink = new RecordingSink(4);
    const overflows: number[] = [];
    const output = queue(sink, (pending) => overflows.push(pending));
    sink.holding = true;
    output.push(Buffer.from('0123456789\r\n'));
    endTurn();
    output.push(Buffer.from('abcdefghij\r\n'));
    expect(overflows).to.deep.equal([24]);
    output.push(Buffer.from('more\r\n'));
    sink.release();
    endTurn();
    expect(sink.writes).to.deep.equal(['0123456789\r\n']);
    expect(overflows).to.have.length(1);
  });

  it('hands readers of the same lines one shared buffer, and others their own', () => {
    const { endTurn, queue } = setup();
    const [a, b, c] = [new RecordingSink(), new RecordingSink(), new RecordingSink()];
    const lines = [Buffer.from('x\r\n'), Buffer.from('y\r\n')];
    const [qa, qb, qc] = [queue(a), queue(b), queue(c)];
    for (const line of lines) {
      qa.push(line);
      qb.push(line);
    }
    qc.push(lines[0] as Buffer);
    qc.push(Buffer.from('private\r\n'));
    endTurn();
    expect([a.writes, b.writes, c.writes]).to.deep.equal([['x\r\ny\r\n'], ['x\r\ny\r\n'], ['x\r\nprivate\r\n']]);
    expect(a.buffers[0]).to.equal(b.buffers[0]);
  });
});

describe('joining queued chunks', () => {
  it('reuses the last joined buffer only for the very same chunks', () => {
    const joiner = new ChunkJoiner();
    const [x, y] = [Buffer.from('x'), Buffer.from('y')];
    const first = joiner.join([x, y], 2);
    expect(first.toString()).to.equal('xy');
    expect(joiner.join([x, y], 2)).to.equal(first);
    const copyOfY = Buffer.from('y');
    const other = joiner.join([x, copyOfY], 2);
    expect(other).not.to.equal(first);
    expect(other.toString()).to.equal('xy');
    expect(joiner.join([y, x], 2).toString()).to.equal('yx');
  });

  it('passes a single chunk through and forgets between passes', () => {
    const joiner = new ChunkJoiner();
    const only = Buffer.from('only');
    expect(joiner.join([only], 4)).to.equal(only);
    const [x, y] = [Buffer.from('x'), Buffer.from('y')];
    const first = joiner.join([x, y], 2);
    joiner.forget();
    const again = joiner.join([x, y], 2);
    expect(again).not.to.equal(first);
    expect(again.toString()).to.equal('xy');
  });
});
