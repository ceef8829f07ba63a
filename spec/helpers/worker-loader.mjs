// Gives worker threads the TypeScript loader, so that a worker started from the sources
// (lib/auth/scrypt-pool.ts) runs its .ts module. `--import tsx` registers tsx's hooks in
// the main thread only, and on Node 20 a worker does not inherit them; this file is
// imported by every thread (workers inherit the process's execArgv) and registers them in
// each worker. It stays JavaScript: it runs before any TypeScript can.
import { isMainThread } from 'node:worker_threads';

if (!isMainThread) {
  const { register } = await import('tsx/esm/api');
  register();
}
