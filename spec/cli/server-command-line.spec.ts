import net from 'node:net';
import fs from 'node:fs';
import { expect } from 'chai';
import { helpText, makeYargs, nearestFlag, oneLineFailure } from '../../lib/cli/make-yargs.js';
import { defineServerOptions } from '../../lib/cli/server-options.js';
import { ChildServer } from '../helpers/child-server.js';
import { tempDir } from '../helpers/test-server.js';

/** Every word the help is made of, for checking that none is cut across two lines. */
function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

describe('the server command line', function () {
  describe('--help', function () {
    for (const width of [40, 60, 80, 120]) {
      it(`keeps every word whole at ${width} columns`, async function () {
        const help = await helpText(defineServerOptions(makeYargs([])).scriptName('chat-line-server'), width);
        const unwrapped = await helpText(defineServerOptions(makeYargs([])).scriptName('chat-line-server'), 1000);
        // The same words, none cut in two (a word wider than its column is the one exception).
        const whole = new Set(words(unwrapped));
        const cut = words(help).filter((word) => !whole.has(word));
        const longest = Math.max(...words(unwrapped).map((word) => word.length));
        if (width >= 80) expect(cut).to.deep.equal([]);
        else for (const piece of cut) expect(words(unwrapped).some((word) => word.includes(piece) && word.length > width / 3), piece).to.equal(true);
        // helpText may add the one space cliui lost.
        expect(help.split("\n").every((line) => line.length <= Math.max(width + 1, longest)), help).to.equal(true);
      });
    }
  });

  describe('a flag that is wrong', function () {
    it('says in one line what was wrong and what is allowed', function () {
      const known = ['port', 'store', 'log-level', 'data-dir'];
      expect(oneLineFailure('Unknown argument: frobnicate', known)).to.equal('unknown flag --frobnicate');
      expect(oneLineFailure('Unknown arguments: prot, x', known)).to.equal('unknown flags --prot, -x; did you mean --port?');
      expect(oneLineFailure('Invalid values:\n  Argument: store, Given: "mongo", Choices: "sqlite", "memory", "redis"', known)).to.equal(
        '--store must be one of sqlite, memory, redis; got "mongo"',
      );
      expect(oneLineFailure('Not enough arguments following: port', known)).to.equal('--port needs a value');
      expect(nearestFlag('datadir', known)).to.equal('data-dir');
      expect(nearestFlag('zebra', known)).to.equal(undefined);
    });

    for (const [args, expected] of [
      [['--frobnicate'], /^chat-line-server: unknown flag --frobnicate$/],
      [['--store', 'mongo'], /^chat-line-server: --store must be one of sqlite, memory, redis; got "mongo"$/],
      [['--log-level', 'loud'], /^chat-line-server: --log-level must be one of debug, info, warn, error, silent; got "loud"$/],
      [['--config', '/nope.json'], /^chat-line-server: cannot read --config \/nope\.json: no such file$/],
      [['--port'], /^chat-line-server: --port needs a value$/],
      [['--port', 'abc'], /^chat-line-server: --port must be a whole number from 0 to 65535, got "abc"$/],
    ] as const) {
      it(`refuses ${args.join(' ')} in two lines, without the help, and exits 2`, async function () {
        this.timeout(20_000);
        const child = ChildServer.spawn([...args]);
        expect(await child.exited()).to.deep.equal({ code: 2, signal: null });
        const lines = child.stderr.trimEnd().split('\n');
        expect(lines, child.stderr).to.have.length(2);
        expect(lines[0]).to.match(expected);
        expect(lines[1]).to.equal('Run `chat-line-server --help` for the options.');
      });
    }
  });

  describe('a port in use', function () {
    let busy: net.Server;
    let dataDir: string;
    beforeEach(async function () {
      dataDir = tempDir();
      busy = net.createServer();
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    });
    afterEach(async function () {
      await new Promise((resolve) => busy.close(resolve));
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    for (const flag of ['--port', '--http-port']) {
      it(`names ${flag} when it is the one whose port is taken`, async function () {
        this.timeout(20_000);
        const port = String((busy.address() as net.AddressInfo).port);
        const args = flag === '--port' ? ['--port', port] : ['--port', '0', '--http-port', port];
        const child = ChildServer.spawn([...args, '--data-dir', dataDir]);
        expect((await child.exited()).code).to.equal(1);
        expect(child.stderr).to.contain(`port ${port} is in use; pick another with ${flag})`);
      });
    }
  });
});
