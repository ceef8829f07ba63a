import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { makeDirectory, makeDirectorySync } from '../../lib/util/make-directory.js';
import { tempDir } from '../helpers/test-server.js';

describe('making a directory and its parents', function () {
  let root: string;
  beforeEach(function () {
    root = tempDir();
  });
  afterEach(function () {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('creates every missing level, and is content when it is there already', async function () {
    makeDirectorySync(path.join(root, 'a', 'b', 'c'));
    makeDirectorySync(path.join(root, 'a', 'b', 'c'));
    await makeDirectory(path.join(root, 'a', 'x', 'y'));
    await makeDirectory(path.join(root, 'a', 'x', 'y'));
    expect(fs.statSync(path.join(root, 'a', 'b', 'c')).isDirectory()).to.equal(true);
    expect(fs.statSync(path.join(root, 'a', 'x', 'y')).isDirectory()).to.equal(true);
  });

  it('fails at once where a level cannot be made: a file in the way, or /proc', async function () {
    fs.writeFileSync(path.join(root, 'file'), '');
    expect(() => { makeDirectorySync(path.join(root, 'file', 'sub')); }).to.throw(/ENOTDIR|EEXIST/);
    expect(() => { makeDirectorySync('/proc/nope/data'); }).to.throw(/ENOENT/);
    const outcome = await makeDirectory('/proc/nope/data').then(
      () => 'made',
      (error: unknown) => String(error),
    );
    expect(outcome).to.match(/ENOENT/);
  });
});
