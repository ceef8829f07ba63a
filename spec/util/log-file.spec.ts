import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { LogFile } from '../../lib/util/log-file.js';
import { tempDir } from '../helpers/test-server.js';

describe('a log file', function () {
  let dir: string;
  let file: string;
  beforeEach(function () {
    dir = tempDir();
    file = path.join(dir, 'chat-line.log');
  });
  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const lines = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `line ${from + i}\n`);

  it('appends every line, in order, after what the file held; flush resolves once they are in it', async function () {
    fs.writeFileSync(file, 'from before\n');
    const log = new LogFile(file);
    for (const line of lines(0, 500)) log.write(line);
    await log.flush();
    expect(fs.readFileSync(file, 'utf8')).to.equal(['from before\n', ...lines(0, 500)].join(''));
    await log.close();
  });

  it('does not write in the turn a line is given, and writes what is queued at once when asked to (at exit)', async function () {
    const log = new LogFile(file);
    log.write('a\n');
    log.write('b\n');
    expect(fs.readFileSync(file, 'utf8')).to.equal('');
    log.flushSync();
    expect(fs.readFileSync(file, 'utf8')).to.equal('a\nb\n');
    await log.close();
    expect(fs.readFileSync(file, 'utf8')).to.equal('a\nb\n');
  });

  it('goes on in a new file after the old one is moved away and it is reopened, losing no line', async function () {
    const log = new LogFile(file);
    for (const line of lines(0, 300)) log.write(line);
    await new Promise((resolve) => setImmediate(resolve));
    // A write is under way now: the moved file gets it, the new one what comes after.
    fs.renameSync(file, `${file}.1`);
    log.reopen();
    for (const line of lines(300, 600)) log.write(line);
    await log.close();
    const rotated = fs.readFileSync(`${file}.1`, 'utf8');
    const current = fs.readFileSync(file, 'utf8');
    expect(rotated + current).to.equal(lines(0, 600).join(''));
    expect(current).to.equal(lines(300, 600).join(''));
  });

  it('closes every file it gives up, even when reopened twice during one write', async function () {
    const openFiles = (): number => fs.readdirSync('/proc/self/fd').length;
    const log = new LogFile(file);
    const before = openFiles();
    for (const line of lines(0, 300)) log.write(line);
    await new Promise((resolve) => setImmediate(resolve));
    log.reopen();
    log.reopen();
    for (const line of lines(300, 310)) log.write(line);
    await log.flush();
    await new Promise((resolve) => setTimeout(resolve, 20)); // the old file's close is asynchronous
    expect(openFiles()).to.equal(before);
    await log.close();
    expect(fs.readFileSync(file, 'utf8')).to.equal(lines(0, 310).join(''));
  });

  it('goes on in the old file when a new one cannot be opened', async function () {
    const log = new LogFile(file);
    log.write('before\n');
    await log.flush();
    fs.renameSync(file, `${file}.1`);
    fs.mkdirSync(file); // where the new file would go
    expect(() => {
      log.reopen();
    }).to.throw(/EISDIR/);
    log.write('after\n');
    await log.close();
    expect(fs.readFileSync(`${file}.1`, 'utf8')).to.equal('before\nafter\n');
  });

  it('writes again, at exit, a chunk the thread pool may not have finished: no line lost', async function () {
    const log = new LogFile(file);
    for (const line of lines(0, 1000)) log.write(line);
    await new Promise((resolve) => setImmediate(resolve));
    log.write('after\n');
    log.flushSync();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = fs.readFileSync(file, 'utf8');
    for (const line of [...lines(0, 1000), 'after\n']) expect(text).to.contain(line);
    await log.close();
  });

  it('cannot be opened where the directory does not exist', function () {
    expect(() => new LogFile(path.join(dir, 'missing', 'x.log'))).to.throw(/ENOENT/);
  });
});
