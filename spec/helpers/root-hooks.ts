import { endTestHashing } from './test-server.js';

/** Hooks around the whole run (.mocharc.json requires this file). */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await endTestHashing();
  },
};
