import { expect } from 'chai';
import { colourByDefault, type TerminalEnvironment } from '../../lib/terminal/colour-policy.js';

describe('colourByDefault', () => {
  const cases: [string, TerminalEnvironment, boolean][] = [
    ['xterm-256color', { TERM: 'xterm-256color' }, true],
    ['xterm', { TERM: 'xterm' }, true],
    ['screen and tmux', { TERM: 'tmux-256color' }, true],
    ['the Linux console', { TERM: 'linux' }, true],
    ['an upper-case TERM', { TERM: 'XTERM' }, true],
    ['NO_COLOR set to an empty string (counts as unset)', { TERM: 'xterm', NO_COLOR: '' }, true],
    ['NO_COLOR set to 1', { TERM: 'xterm-256color', NO_COLOR: '1' }, false],
    ['NO_COLOR set to 0 (any value counts)', { TERM: 'xterm-256color', NO_COLOR: '0' }, false],
    ['TERM=dumb', { TERM: 'dumb' }, false],
    ['TERM=unknown', { TERM: 'unknown' }, false],
    ['no TERM (no PTY)', {}, false],
    ['an empty TERM', { TERM: '' }, false],
    ['a monochrome xterm', { TERM: 'xterm-mono' }, false],
    ['a monochrome Linux console', { TERM: 'linux-m' }, false],
  ];
  for (const [name, env, expected] of cases) {
    it(`is ${expected ? 'on' : 'off'} for ${name}`, () => {
      expect(colourByDefault(env)).to.equal(expected);
    });
  }
});
