/**
 * Whether a terminal session starts with colour on. SSH clients pass the terminal type
 * with the PTY request and may pass environment variables; colour is on unless they
 * say the terminal cannot show it or the user does not want it. The user can still
 * switch it either way with `/color`.
 */

/** The variables that decide it, as the client sent them (absent when not sent). */
export interface TerminalEnvironment {
  readonly TERM?: string | undefined;
  readonly NO_COLOR?: string | undefined;
}

/** terminfo names for monochrome variants end this way: `xterm-mono`, `linux-m`, `putty-m`. */
const MONOCHROME = /-(?:mono|m)$/;

/** True when colour should be on by default: TERM names a colour terminal and NO_COLOR is unset or empty. */
export function colourByDefault(env: TerminalEnvironment): boolean {
  // https://no-color.org: set and not empty means no colour, whatever its value.
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const term = (env.TERM ?? '').trim().toLowerCase();
  // No TERM means no PTY (a script): nothing will read the colour codes as colour.
  if (term === '' || term === 'dumb' || term === 'unknown') return false;
  return !MONOCHROME.test(term);
}
