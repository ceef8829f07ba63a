import { expect } from 'chai';
import { FIRST_RESTART_MS, MAX_RESTART_MS, STABLE_MS, WorkerSupervisor, type WorkerHandle } from '../../lib/cli/worker-supervisor.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { RecordingLogger } from '../helpers/recording-logger.js';

/** A worker process as the supervisor sees it: the test decides when it exits. */
class FakeWorker implements WorkerHandle {
  readonly signals: string[] = [];
  private exitHandler: ((code: number | null, signal: string | null) => void) | undefined;
  constructor(readonly pid: number) {}
  kill(signal: NodeJS.Signals): void {
    this.signals.push(signal);
  }
  onExit(handler: (code: number | null, signal: string | null) => void): void {
    this.exitHandler = handler;
  }
  exit(code: number | null, signal: string | null = null): void {
    this.exitHandler?.(code, signal);
  }
}

describe('the --workers supervisor', () => {
  let clock: FakeClock;
  let forked: FakeWorker[];
  let stopped: number;
  let logger: RecordingLogger;

  function supervisor(count: number): WorkerSupervisor {
    return new WorkerSupervisor({
      count,
      clock,
      logger,
      fork: () => {
        const worker = new FakeWorker(1000 + forked.length);
        forked.push(worker);
        return worker;
      },
      onStopped: () => {
        stopped++;
      },
    });
  }

  beforeEach(() => {
    clock = fakeClock();
    forked = [];
    stopped = 0;
    logger = new RecordingLogger();
  });

  it('starts the number of workers asked for', () => {
    const workers = supervisor(3);
    workers.start();
    expect(forked.map((w) => w.pid)).to.deep.equal([1000, 1001, 1002]);
    expect(workers.running).to.equal(3);
  });

  it('restarts a worker that dies, waiting longer each time it dies again soon, and less once it ran for a while', async () => {
    const workers = supervisor(1);
    workers.start();
    const waits: number[] = [];
    for (let death = 0; death < 8; death++) {
      forked.at(-1)?.exit(null, 'SIGKILL');
      const before = forked.length;
      let waited = 0;
      while (forked.length === before) {
        await clock.advance(FIRST_RESTART_MS / 2);
        waited += FIRST_RESTART_MS / 2;
      }
      waits.push(waited);
    }
    expect(waits).to.deep.equal([500, 1000, 2000, 4000, 8000, 16_000, MAX_RESTART_MS, MAX_RESTART_MS]);
    await clock.advance(STABLE_MS);
    forked.at(-1)?.exit(1);
    await clock.advance(FIRST_RESTART_MS);
    expect(forked).to.have.lengthOf(10);
    expect(logger.events('worker.died').at(-1)?.fields).to.include({ code: 1, restartInMs: FIRST_RESTART_MS });
  });

  it('asks every worker to shut down gracefully, restarts none, and reports once all have exited', async () => {
    const workers = supervisor(2);
    workers.start();
    forked[0]?.exit(1);
    workers.stop();
    await clock.advance(MAX_RESTART_MS);
    expect(forked).to.have.lengthOf(2);
    expect(forked[1]?.signals).to.deep.equal(['SIGTERM']);
    expect(stopped).to.equal(0);
    forked[1]?.exit(0);
    expect(stopped).to.equal(1);
    expect(clock.pending()).to.equal(0);
  });

  it('kills the workers on a second signal', () => {
    const workers = supervisor(1);
    workers.start();
    workers.stop();
    workers.stop(true);
    expect(forked[0]?.signals).to.deep.equal(['SIGTERM', 'SIGKILL']);
  });
});
