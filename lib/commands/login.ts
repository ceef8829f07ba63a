import type { CommandSpec } from './command.js';
import { refuse } from '../chat/refusals.js';

/** `/login` is handled at the prompt; once logged in, it only explains that. */
export const login: CommandSpec = {
  name: 'login',
  params: ['?rest...'],
  usage: '/login <nick> <password>',
  summary: 'log in (or register) in one line; only as the first line of a connection',
  details: ["Example:  printf '/login bot b0t-secret\\n/send alice hi\\n' | nc 127.0.0.1 8000"],
  run(ctx) {
    throw refuse.alreadyLoggedIn(ctx.nick);
  },
};
