import { PASSWORD_PROMPT } from '../protocol/line/wire.js';

/** Asked, by the client itself, for the new password a second time. */
export const AGAIN_PROMPT = 'again: ';

/** What to do with a line typed at the password prompt of a nick being registered. */
export type PasswordStep = { send: string } | { ask: string; notice?: string };

/**
 * A new account's password is typed twice at a terminal, as `passwd` does, so a typo does
 * not become the password nobody knows; only when both agree does it go to the server.
 */
export class PasswordTwice {
  private first: string | undefined;

  typed(line: string): PasswordStep {
    if (this.first === undefined) {
      this.first = line;
      return { ask: AGAIN_PROMPT };
    }
    const first = this.first;
    this.first = undefined;
    if (line === first) return { send: line };
    return { ask: PASSWORD_PROMPT, notice: 'the two passwords differ; choose one again' };
  }

  /** Starts again (the server asked for a nick, or logged the user in). */
  reset(): void {
    this.first = undefined;
  }
}

/** Prompts whose answer is not shown or kept in the history. */
export function isSecretPrompt(prompt: string): boolean {
  return prompt === PASSWORD_PROMPT || prompt === AGAIN_PROMPT;
}
