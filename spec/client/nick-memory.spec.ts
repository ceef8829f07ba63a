import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { LAST_NICK_FILE, configDir, fileNickMemory } from '../../lib/client/nick-memory.js';

describe('configDir', () => {
  const homeDir = '/home/ann';

  it('uses $XDG_CONFIG_HOME/chat-line when it is set', () => {
    expect(configDir({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', homeDir })).to.equal('/xdg/chat-line');
  });
  it('falls back to ~/.config/chat-line, also when XDG_CONFIG_HOME is relative', () => {
    expect(configDir({ env: {}, platform: 'darwin', homeDir })).to.equal('/home/ann/.config/chat-line');
    expect(configDir({ env: { XDG_CONFIG_HOME: 'relative' }, platform: 'linux', homeDir })).to.equal('/home/ann/.config/chat-line');
  });
  it('uses %APPDATA%\\chat-line on Windows', () => {
    expect(configDir({ env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, platform: 'win32', homeDir: 'C:\\Users\\ann' }))
      .to.equal('C:\\Users\\ann\\AppData\\Roaming\\chat-line');
  });
});

describe('fileNickMemory', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chat-line-nick-')), 'not-yet-created');
  });
  afterEach(() => {
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('remembers nothing before the first save', () => {
    expect(fileNickMemory(dir).recall()).to.equal(undefined);
  });
  it('recalls the saved nick, creating the directory on the way', () => {
    fileNickMemory(dir).remember('alice');
    expect(fileNickMemory(dir).recall()).to.equal('alice');
    expect(fs.readFileSync(path.join(dir, LAST_NICK_FILE), 'utf8')).to.equal('alice\n');
  });
  it('refuses anything that is not a single nick, such as "nick password"', () => {
    expect(() => { fileNickMemory(dir).remember('alice hunter2'); }).to.throw(/not a nickname/);
    expect(fs.existsSync(dir)).to.equal(false);
  });
  it('ignores a file that does not hold a nick', () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, LAST_NICK_FILE), 'two words\n');
    expect(fileNickMemory(dir).recall()).to.equal(undefined);
  });
});
