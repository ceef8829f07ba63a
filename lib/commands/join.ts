import type { CommandSpec } from './command.js';
import { required } from './command.js';

export const join: CommandSpec = {
  name: 'join',
  params: ['link'],
  usage: '/join <link>',
  summary: 'ask to enter a private room with a join link its owner gave you',
  details: [
    'Example:  /join chat://127.0.0.1:8000/join/3q2Kx...    (the token alone works too)',
    'The owner is told and answers; you are told the answer, now or at your next login.',
    'To join a public room, use /chats <room>.',
  ],
  async run(ctx, args) {
    const outcome = await ctx.chat.privateRooms.requestJoin(ctx.nick, required(args, 'link'));
    switch (outcome.kind) {
      case 'member':
        ctx.info(`you are in #${outcome.room} already; /chats ${outcome.room} makes it current`);
        break;
      case 'admitted':
        ctx.info(`you may enter #${outcome.room}: /chats ${outcome.room}`);
        break;
      case 'requested':
        ctx.info("your request to join was sent to the room's owner; you will be told the answer");
        break;
      case 'waiting':
        ctx.info("you have asked already; the room's owner has not answered yet");
        break;
    }
  },
};
