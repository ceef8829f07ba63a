import { ChatError } from '../chat/errors.js';
import type { CommandSpec } from './command.js';

/** `/login` is handled at the prompt; once logged in, it only explains that. */
export const login: CommandSpec = {
  name: 'login',
  params: ['?rest...'],
  usage: '/login <nick> <password>',
  summary: 'log in (or register) in one line; only as the first line of a connection',
  details: ["Example:  printf '/login bot secret\\n/send alice hi\\n' | nc 127.0.0.1 8000"],
  run(ctx) {
    throw new ChatError('ALREADY_LOGGED_IN', `You are logged in as ${ctx.nick}. To switch, /quit and connect again.`);
  },
};
