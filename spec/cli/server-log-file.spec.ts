import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { ChildServer } from '../helpers/child-server.js';
import { LineClient } from '../helpers/line-client.js';
import { tempDir } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/wait-until.js';

describe('the server log in a file (--log-file)', function () {
  this.timeout(30_000);
  let dir: string;
  let server: ChildServer | undefined;
  beforeEach(function () {
    dir = tempDir();
  });
  afterEach(async function () {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const read = (file: string): string => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

  async function portIn(file: string): Promise<number> {
    await waitUntil(() => /server\.listening .*port=\d+/.test(read(file)), 20_000, 'the server to log that it listens');
    return Number(/server\.listening .*port=(\d+)/.exec(read(file))?.[1]);
  }

  it('writes the log there instead of stderr, starts a new file on SIGHUP, and holds the last line when the server has stopped', async function () {
    const log = path.join(dir, 'chat-line.log');
    server = ChildServer.spawn(['--port', '0', '--data-dir', path.join(dir, 'data'), '--log-file', log]);
    const port = await portIn(log);
    expect(server.stderr).to.equal('');

    fs.renameSync(log, `${log}.1`);
    server.kill('SIGHUP');
    await waitUntil(() => read(log).includes('log.reopened'), 10_000, 'a new log file');
    const alice = await LineClient.login(port, 'alice', 'secret-pw');
    await waitUntil(() => /login.*nick=alice/.test(read(log)), 10_000, "alice's login in the new file");
    alice.close();

    server.kill('SIGTERM');
    expect(await server.exited()).to.deep.equal({ code: 0, signal: null });
    const lines = read(log).trimEnd().split('\n');
    expect(lines[0]).to.match(/ INFO {2}log\.reopened file=/);
    expect(lines.at(-1)).to.match(/ INFO {2}server\.closed$/);
    expect(read(`${log}.1`)).to.match(/server\.listening/).and.not.to.match(/alice/);
    expect(server.stderr).to.equal('');
  });

  it('writes an object per line with --log-format json', async function () {
    const log = path.join(dir, 'chat-line.jsonl');
    server = ChildServer.spawn(['--port', '0', '--data-dir', path.join(dir, 'data'), '--log-file', log, '--log-format', 'json']);
    await waitUntil(() => read(log).includes('"server.listening"'), 20_000, 'the server to log that it listens');
    server.kill('SIGTERM');
    expect((await server.exited()).code).to.equal(0);
    const entries = read(log).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.find((entry) => entry.event === 'server.listening')).to.include({ level: 'info', host: '127.0.0.1' });
    expect(entries.every((entry) => typeof entry.time === 'string' && !Number.isNaN(Date.parse(entry.time)))).to.equal(true);
    expect(entries.at(-1)?.event).to.equal('server.closed');
  });

  it('refuses to start when the file cannot be opened, saying why', async function () {
    server = ChildServer.spawn(['--port', '0', '--data-dir', path.join(dir, 'data'), '--log-file', path.join(dir, 'missing', 'x.log')]);
    expect((await server.exited()).code).to.equal(1);
    expect(server.stderr).to.match(/^chat-line-server: cannot open --log-file .*missing\/x\.log: ENOENT/);
  });
});
