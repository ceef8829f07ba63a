import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { ChatClient } from '../../lib/client/chat-client.js';
import type { ChatClientOptions } from '../../lib/client/client-options.js';

/** A pipe-mode chat-line against a real server: what it prints, and a way to wait for it. */
export function pipeClient(options: Omit<ChatClientOptions, 'input' | 'output'>, terminal = false): { client: ChatClient; input: PassThrough; printed: () => string; shows: (text: string) => Promise<void> } {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.setEncoding('utf8');
  output.on('data', (chunk: string) => (text += chunk));
  const client = new ChatClient({ ...options, input, output, terminal, closeGraceMs: 500 });
  const shows = async (expected: string): Promise<void> => {
    const deadline = Date.now() + 4000;
    while (!stripVTControlCharacters(text).includes(expected)) {
      if (Date.now() > deadline) throw new Error(`never printed ${JSON.stringify(expected)}; got:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { client, input, printed: () => text, shows };
}

