import { stripVTControlCharacters } from 'node:util';

interface Waiting {
  readonly answer: RegExp;
  readonly onAnswer: (match: RegExpExecArray) => void;
}

/**
 * Commands the client sends on its own once logged in (`/color on`, `/limits`): their
 * answers are for the client, not news for the user, so each one's first answer is taken
 * out of what is shown.
 */
export class OwnQueries {
  private waiting: Waiting[] = [];
  private asked = false;

  /** True once askOnce has sent its queries on this connection. */
  hasAsked(): boolean {
    return this.asked;
  }

  /** Once per connection: sends each query, and waits for its answer. */
  askOnce(write: (line: string) => void, queries: readonly { command: string; answer: RegExp; onAnswer?: (match: RegExpExecArray) => void }[]): void {
    if (this.asked) return;
    this.asked = true;
    for (const query of queries) {
      this.waiting.push({ answer: query.answer, onAnswer: query.onAnswer ?? (() => undefined) });
      write(query.command);
    }
  }

  /** True when `line` is the answer to one of the client's own queries (which is then settled). */
  take(line: string): boolean {
    if (this.waiting.length === 0) return false;
    const plain = stripVTControlCharacters(line);
    for (const [index, waiting] of this.waiting.entries()) {
      const match = waiting.answer.exec(plain);
      if (!match) continue;
      this.waiting.splice(index, 1);
      waiting.onAnswer(match);
      return true;
    }
    return false;
  }
}
