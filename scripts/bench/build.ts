import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundleServer } from '../bundle-server.js';

/** The repository root: servers are compiled and run from there, so their paths resolve. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The servers the bench starts, compiled: chat-line as `npm start` runs it (bundled), and the
 * baseline the same way. Run from TypeScript through tsx instead, each server would carry
 * tsx's loader thread, tens of MiB that it hands back to the system whenever it gets round
 * to it, which no GC request reaches: W3 read that as memory per connection.
 */
export const CHAT_LINE_MAIN = 'dist-bench/server/server-main.js';
/** The same server as separate modules, for CPU profiles: they say which file each function is in. */
export const CHAT_LINE_MODULES_MAIN = 'dist-bench/lib/cli/server-main.js';
export const BASELINE_MAIN = 'dist-bench/scripts/baseline-server.js';
const TSCONFIG = 'tsconfig.bench.json';

/** Compiles lib/ and the baseline into dist-bench/ (incremental: quick when nothing changed), and bundles chat-line as `npm run build` does. */
export async function buildServers(): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', TSCONFIG], { cwd: ROOT, timeout: 120_000 });
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? '';
    throw new Error(`could not compile the servers (tsc -p ${TSCONFIG}):\n${output}`, { cause: error });
  }
  await bundleServer(path.join(ROOT, 'dist-bench'));
}
