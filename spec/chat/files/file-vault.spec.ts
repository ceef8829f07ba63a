import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { FileVault } from '../../../lib/chat/files/file-vault.js';
import { tempDir } from '../../helpers/test-server.js';

describe('where sent files live on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('removes every unfinished upload at start-up of a server alone', async () => {
    const vault = new FileVault(dir);
    const part = await vault.tempPath();
    fs.writeFileSync(part, 'half');
    await vault.sweepTemp();
    expect(fs.existsSync(vault.tmpDir)).to.equal(false);
  });

  it('in a shared data directory removes only uploads nobody has written to for a while', async () => {
    const vault = new FileVault(dir);
    const stale = await vault.tempPath();
    const fresh = await vault.tempPath();
    fs.writeFileSync(stale, 'cut off long ago');
    fs.writeFileSync(fresh, 'another server is receiving this');
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(stale, hourAgo, hourAgo);
    await vault.sweepTemp(10 * 60_000);
    expect(fs.readdirSync(vault.tmpDir)).to.deep.equal([path.basename(fresh)]);
  });
});
