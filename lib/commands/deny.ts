import { answerRequest } from './approve.js';
import type { CommandSpec } from './command.js';

export const deny: CommandSpec = {
  name: 'deny',
  params: ['room', 'nick'],
  usage: '/deny <room> <nick>',
  summary: 'turn down someone who asked to join your private room with a link',
  details: ['Example:  /deny secret mallory    mallory is told no, without the name of the room'],
  async run(ctx, args) {
    const { room, nick } = await answerRequest(ctx, args, 'deny');
    ctx.info(`denied ${nick}'s request to join #${room}`);
  },
};
