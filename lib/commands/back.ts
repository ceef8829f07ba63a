import { comeBack } from './away.js';
import type { CommandSpec } from './command.js';

export const back: CommandSpec = {
  name: 'back',
  params: [],
  usage: '/back',
  summary: 'you are no longer away (same as /away with no message)',
  details: ['Example:  /back'],
  run(ctx) {
    comeBack(ctx);
  },
};
