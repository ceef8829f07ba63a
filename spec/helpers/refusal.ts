import { expect } from 'chai';
import { ChatError } from '../../lib/chat/errors.js';

/** The refusal `run` throws, as `CODE: words`; fails the test if it throws none or something else. */
export function refusalText(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ChatError);
    return `${(error as ChatError).code}: ${(error as ChatError).message}`;
  }
  return expect.fail('expected a refusal');
}
