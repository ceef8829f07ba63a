/**
 * Bundles the compiled server (`<dist>/lib`, from tsc) into one file, `<dist>/server/server-main.js`,
 * with the password-hashing worker beside it (the pool starts it by that name, next to
 * itself). `npm start` and the bench run the bundle: loading ~270 modules one by one costs
 * an idle server ~4 MB of resident memory (each module's records and the work of loading
 * it) that one file does not.
 * Packages stay outside, loaded from node_modules as they are.
 *
 *   tsx scripts/bundle-server.ts dist
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export async function bundleServer(dist: string): Promise<void> {
  await build({
    entryPoints: [path.join(dist, 'lib/cli/server-main.js'), path.join(dist, 'lib/auth/scrypt-worker.js')],
    outdir: path.join(dist, 'server'),
    entryNames: '[name]',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
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
