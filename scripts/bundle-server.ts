/**
 * Bundles the compiled server (`<dist>/lib`, from tsc) into one file, `<dist>/server/server-main.js`,
 * with the password-hashing worker beside it (the pool starts it by that name, next to
 * itself). `npm start` and the bench run the bundle: loading ~270 modules one by one costs
 * an idle server ~4 MB of resident memory (each module's records and the work of loading
 * it) that one file does not.
 * Packages stay outside, loaded from node_modules as they are, except date-fns and
 * better-sqlite3's JavaScript: their ~45 files, resolved and loaded one by one at start,
 * are enough calls of Node's path code for V8 to bring in its optimizing compiler (~4 MB).
 * better-sqlite3's addon is then loaded by path (lib/store/sqlite/sqlite-open.ts).
 *
 *   tsx scripts/bundle-server.ts dist
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import { build } from 'esbuild';

/** Dependencies written into the bundle instead of loaded from node_modules (CommonJS ones get the `require` of the banner). */
const INLINED = new Set(['date-fns', 'better-sqlite3']);

function externalPackages(): string[] {
  const manifest = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
  return Object.keys(manifest.dependencies).filter((name) => !INLINED.has(name));
}

export async function bundleServer(dist: string): Promise<void> {
  await build({
    entryPoints: [path.join(dist, 'lib/cli/server-main.js'), path.join(dist, 'lib/auth/scrypt-worker.js')],
    outdir: path.join(dist, 'server'),
    entryNames: '[name]',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: externalPackages(),
    logLevel: 'warning',
    // better-sqlite3 is CommonJS: its require() of Node's modules and of its addon needs a real require.
    banner: { js: "import { createRequire as bundleCreateRequire } from 'node:module'; const require = bundleCreateRequire(import.meta.url);" },
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = process.argv[2];
  if (dist === undefined) {
    console.error('usage: tsx scripts/bundle-server.ts <dist directory>');
    process.exit(2);
  }
  await bundleServer(dist);
}
