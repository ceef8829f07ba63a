import type { CommandSpec } from './command.js';

export const quit: CommandSpec = {
  name: 'quit',
  aliases: ['exit', 'bye'],
  params: ['?reason...'],
  usage: '/quit',
  summary: 'log out and close the connection',
  run(ctx) {
    ctx.quit('bye!');
  },
};
