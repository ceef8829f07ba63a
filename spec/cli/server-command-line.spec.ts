import net from 'node:net';
import fs from 'node:fs';
import { expect } from 'chai';
import { helpText } from '../../lib/cli/help-text.js';
import { SERVER_COMMAND } from '../../lib/cli/server-flags.js';
import { ChildServer } from '../helpers/child-server.js';
import { tempDir } from '../helpers/test-server.js';

/** Every word the help is made of, for checking that none is cut across two lines. */
function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

describe('the server command line', function () {
  describe('--help', function () {
    for (const width of [40, 60, 80, 120]) {
      it(`keeps every word whole at ${width} columns`, function () {
        const help = helpText(SERVER_COMMAND, width);
        const unwrapped = helpText(SERVER_COMMAND, 1000);
        // The same words, none cut in two; a line runs past the width only to hold one word too long for it.
        expect(words(help)).to.deep.equal(words(unwrapped));
        for (const line of help.split('\n')) if (line.length > width) expect(words(line), line).to.have.length(1);
        expect(help).to.contain('--data-dir DIR').and.to.contain('(default: ./data)').and.to.contain('CHAT_LINE_');
      });
    }
  });

  describe('a flag that is wrong', function () {
    for (const [args, expected] of [
      [['--frobnicate'], /^chat-line-server: unknown flag --frobnicate$/],
      [['--store', 'mongo'], /^chat-line-server: --store must be one of sqlite, memory, redis; got "mongo"$/],
      [['--log-level', 'loud'], /^chat-line-server: --log-level must be one of debug, info, warn, error, silent; got "loud"$/],
      [['--config', '/nope.json'], /^chat-line-server: cannot read --config \/nope\.json: no such file$/],
      [['--port'], /^chat-line-server: --port needs a value$/],
      [['--port', 'abc'], /^chat-line-server: --port must be a whole number from 0 to 65535, got "abc"$/],
      [['--port', '70000'], /^chat-line-server: --port must be a whole number from 0 to 65535, got 70000$/],
      [['--prot', '9000'], /^chat-line-server: unknown flag --prot; did you mean --port\?$/],
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
