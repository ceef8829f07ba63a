import type { CommandSpec } from './command.js';
import { required } from './command.js';

export const download: CommandSpec = {
  name: 'download',
  params: ['id'],
  usage: '/download <id>',
  summary: 'get a file sent to you or to one of your rooms',
  details: [
    'Example:  /download k3x9q2a1',
    'The answer is a line "-- file <id> <name> <size>", then exactly <size> raw bytes, then a line end.',
    'The chat-line client saves it under ./downloads; with nc, redirect the output to a file.',
  ],
  async run(ctx, args) {
    const { file, path } = await ctx.chat.files.find(ctx.nick, required(args, 'id'));
    await ctx.sendFile(file, path);
  },
};
