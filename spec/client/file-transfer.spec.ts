import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { ChatClient } from '../../lib/client/chat-client.js';
import type { ClientExit } from '../../lib/client/client-options.js';
import { DownloadReceiver, openUnique } from '../../lib/client/file-download.js';
import { UploadSender, parseUploadCommand, uploadName } from '../../lib/client/file-upload.js';
import { useTestServer } from '../helpers/test-server.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'chat-line-files-'));
}

function everyByte(times: number): Buffer {
  return Buffer.from(Array.from({ length: 256 * times }, (_, i) => i % 256));
}

describe('chat-line file transfer', function () {
  let dir: string;

  beforeEach(function () {
    dir = tempDir();
  });

  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads /upload <path> [#room|@nick], paths with spaces included', function () {
    expect(parseUploadCommand('/upload notes.pdf')).to.deep.equal({ path: 'notes.pdf', target: undefined });
    expect(parseUploadCommand('/upload my notes.pdf #dev')).to.deep.equal({ path: 'my notes.pdf', target: '#dev' });
    expect(parseUploadCommand('/UPLOAD ./a.bin @bob ')).to.deep.equal({ path: './a.bin', target: '@bob' });
    expect(parseUploadCommand('~/x.txt')).to.equal(undefined);
    expect(parseUploadCommand('/upload')).to.equal(undefined);
    expect(parseUploadCommand('/uploads x')).to.equal(undefined);
    expect(parseUploadCommand('/upload ~/x.txt')?.path).to.equal(path.join(os.homedir(), 'x.txt'));
    // Quoted as a shell would want it, or with backslashes before spaces.
    expect(parseUploadCommand('/upload "/tmp/my notes.md"')).to.deep.equal({ path: '/tmp/my notes.md', target: undefined });
    expect(parseUploadCommand("/upload '/tmp/my notes.md' @bob")).to.deep.equal({ path: '/tmp/my notes.md', target: '@bob' });
    expect(parseUploadCommand('/upload /tmp/my\\ notes.md #dev')).to.deep.equal({ path: '/tmp/my notes.md', target: '#dev' });
    expect(parseUploadCommand('/upload "~/x.txt"')?.path).to.equal(path.join(os.homedir(), 'x.txt'));
  });

  it('holds an upload typed before the server said its limits until it has, and then does not send a larger file', async function () {
    const big = path.join(dir, 'big.bin');
    fs.writeFileSync(big, Buffer.alloc(2000));
    const socket = new PassThrough();
    let sent = '';
    socket.setEncoding('utf8').on('data', (text: string) => (sent += text));
    const notices: string[] = [];
    const uploads = new UploadSender(socket, (text) => notices.push(text));
    uploads.expectLimits();
    uploads.writeLine(`/upload ${big}`);
    uploads.writeLine('after it');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent, 'nothing before the limits are known').to.equal('');
    uploads.learnMaxFileBytes(1000);
    await uploads.idle();
    expect(notices).to.deep.equal([`cannot upload ${big}: 2 KB (2000 bytes) is over the server's limit of 1000 bytes (1000 bytes)`]);
    expect(sent).to.equal('after it\n');
  });

  it('sends a file under its base name, never one the server would take for a target', function () {
    expect(uploadName('/tmp/dir/photo 1.jpg')).to.equal('photo 1.jpg');
    expect(uploadName('#notes.txt')).to.equal('_notes.txt');
    expect(uploadName('@me')).to.equal('_me');
  });

  it('saves under a new name rather than over an existing file, and never outside its directory', function () {
    fs.writeFileSync(path.join(dir, 'a.txt'), 'mine');
    const first = openUnique(dir, 'a.txt');
    const second = openUnique(dir, 'a.txt');
    const sneaky = openUnique(dir, '../../etc/passwd');
    const hidden = openUnique(dir, '.bashrc');
    for (const { fd } of [first, second, sneaky, hidden]) fs.closeSync(fd);
    expect([first, second, sneaky, hidden].map((opened) => path.relative(dir, opened.file))).to.deep.equal([
      'a-1.txt',
      'a-2.txt',
      '__.._etc_passwd',
      '_bashrc',
    ]);
    expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).to.equal('mine');
  });

  it('takes a file out of the server output, however the bytes are split, and passes the rest on as text', async function () {
    const body = everyByte(2);
    const input = Buffer.concat([Buffer.from('-- hi\r\n-- file abcdefgh x.bin 512\r\n'), body, Buffer.from('\r\n-- after\r\n')]);
    for (const cut of [0, 5, 20, 36, 37, 300, 548, 549, 550, input.length]) {
      const sub = path.join(dir, `cut-${cut}`);
      const notices: string[] = [];
      const receiver = new DownloadReceiver({ dir: sub, notice: (text) => notices.push(text), pause: () => undefined, resume: () => undefined });
      const text = Buffer.concat([receiver.push(input.subarray(0, cut)), receiver.push(input.subarray(cut))]).toString('utf8');
      await receiver.idle();
      expect(text, `cut at ${cut}`).to.equal('-- hi\r\n-- file abcdefgh x.bin 512\r\n-- after\r\n');
      expect(fs.readFileSync(path.join(sub, 'x.bin')).equals(body), `cut at ${cut}`).to.equal(true);
      expect(notices).to.deep.equal([`saved x.bin to ${path.join(sub, 'x.bin')}`]);
    }
  });

  it('says a download was cut short when the connection ends mid-file, and keeps no partial file', async function () {
    const notices: string[] = [];
    const receiver = new DownloadReceiver({ dir, notice: (text) => notices.push(text), pause: () => undefined, resume: () => undefined });
    receiver.push(Buffer.concat([Buffer.from('-- file abcdefgh part.bin 1000\r\n'), Buffer.alloc(400, 1)]));
    receiver.connectionClosed();
    await receiver.idle();
    expect(notices).to.deep.equal(['download of part.bin cut short: 400 of 1000 bytes came before the connection closed; nothing was saved']);
    expect(fs.readdirSync(dir)).to.deep.equal([]);
  });

  describe('against a real server', function () {
    const ctx = useTestServer();

    /** A chat-line client, in pipe mode unless `terminal`; returns what it prints and its exit. */
    function run(downloadDir: string, terminal = false): { input: PassThrough; printed: () => string; shows: (text: string) => Promise<void>; exit: Promise<ClientExit> } {
      const input = new PassThrough();
      const output = new PassThrough();
      let printed = '';
      output.setEncoding('utf8');
      output.on('data', (chunk: string) => {
        printed += chunk;
      });
      const client = new ChatClient({ host: '127.0.0.1', port: ctx.server.port, input, output, terminal, downloadDir, closeGraceMs: 1000 });
      const shows = async (text: string): Promise<void> => {
        // Generous: megabytes go both ways while the rest of the suite keeps both cores busy.
        const deadline = Date.now() + 8000;
        while (!printed.includes(text)) {
          if (Date.now() > deadline) throw new Error(`not shown: ${text}\n${printed}`);
          await Promise.race([once(output, 'data'), new Promise((resolve) => setTimeout(resolve, 50))]);
        }
      };
      return { input, printed: () => printed, shows, exit: client.run() };
    }

    it('uploads a local file with /upload and saves a download under the download directory, printing where', async function () {
      this.timeout(20_000);
      const file = path.join(dir, 'every byte.bin');
      const body = everyByte(4096);
      fs.writeFileSync(file, body);
      const downloads = path.join(dir, 'downloads');

      const alice = run(path.join(dir, 'unused'));
      alice.input.write('/login alice pw\n');
      await alice.shows('-- welcome, alice!');
      alice.input.write(`/upload ${file}\n`);
      alice.input.write('typed while uploading\n');
      await alice.shows('<alice> typed while uploading');
      const id = /sent file ([0-9a-z]{8}): every byte\.bin \(1 MB\)/.exec(alice.printed())?.[1];
      expect(id, alice.printed()).to.be.a('string');
      alice.input.write(`/upload ${path.join(dir, 'missing.bin')} #general\n`);
      await alice.shows(`-- cannot upload ${path.join(dir, 'missing.bin')}: ENOENT`);
      alice.input.end();
      expect((await alice.exit).code).to.equal(0);

      const bob = run(downloads);
      bob.input.write(`/login bob pw\n/download ${id!}\n/download ${id!}\n`);
      await bob.shows(`-- saved every byte.bin to ${path.join(downloads, 'every byte-1.bin')}`);
      expect(bob.printed()).to.contain(`-- saved every byte.bin to ${path.join(downloads, 'every byte.bin')}`);
      bob.input.end();
      expect((await bob.exit).code).to.equal(0);
      expect(fs.readFileSync(path.join(downloads, 'every byte.bin')).equals(body)).to.equal(true);
      expect(fs.readFileSync(path.join(downloads, 'every byte-1.bin')).equals(body)).to.equal(true);
      // The bytes were saved, not printed, and what came after them was read on.
      expect(bob.printed().length).to.be.lessThan(body.length);
      expect(bob.printed()).to.contain('-- bye!');
    });

    it('at a terminal, learns the largest file the server takes and does not send a larger one', async function () {
      const limit = ctx.server.config.maxFileBytes;
      const big = path.join(dir, 'big.iso');
      fs.writeFileSync(big, '');
      fs.truncateSync(big, limit + 1);
      const carol = run(path.join(dir, 'unused'), true);
      try {
        carol.input.write('/login carol pw\r');
        await carol.shows('-- welcome, carol!');
        // Typed at once: the client's own /limits may not be answered yet, and the upload waits for it.
        carol.input.write(`/upload ${big}\r`);
        await carol.shows(`-- cannot upload ${big}: 5 MB (${limit + 1} bytes) is over the server's limit of 5 MB (${limit} bytes)`);
        // Its own /limits was answered out of sight; asked by the user, the answer is shown.
        expect(carol.printed()).not.to.contain('-- limits:');
        carol.input.write('/limits\r');
        await carol.shows(`-- limits: files up to 5 MB (${limit} bytes); lines up to 4096 bytes;`);
        expect(carol.printed()).not.to.contain('FILE_TOO_LARGE');
      } finally {
        carol.input.end();
      }
      expect((await carol.exit).code).to.equal(0);
    });
  });
});
