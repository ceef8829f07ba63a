import { expect } from 'chai';
import yargs from 'yargs';
import { defineServerOptions, toServerConfig } from '../../lib/cli/server-options.js';
import type { ServerConfig } from '../../lib/config.js';

function configFrom(args: string[]): ServerConfig {
  return toServerConfig(defineServerOptions(yargs(args)).strict().parseSync());
}

describe('server flags for editing messages', () => {
  afterEach(() => {
    Reflect.deleteProperty(process.env, 'CHAT_LINE_EDIT_WINDOW');
  });

  it('lets authors edit for 15 minutes unless told otherwise, by flag or environment; 0 turns editing off', () => {
    expect(configFrom([]).editWindowMs).to.equal(15 * 60_000);
    expect(configFrom(['--edit-window', '1h']).editWindowMs).to.equal(3_600_000);
    expect(configFrom(['--edit-window', '0']).editWindowMs).to.equal(0);
    process.env.CHAT_LINE_EDIT_WINDOW = '90s';
    expect(configFrom([]).editWindowMs).to.equal(90_000);
  });

  it('refuses a window that is not a duration, naming the flag', () => {
    expect(() => configFrom(['--edit-window', 'forever'])).to.throw(/--edit-window must be a duration such as 90s, 10m or 4h \(0 = off\), got "forever"/);
  });
});
