import { stopAllOnExit } from '../bench/cleanup.js';

/**
 * Runs a script's `main` with its server children stopped whatever ends it, and exits
 * with its code (2 and the message on an error). The exit is explicit: a connection or
 * timer of a run cut short must not keep the process alive.
 */
export function runScript(name: string, main: () => Promise<number>): void {
  stopAllOnExit();
  main().then(
    (code) => {
      process.exit(code);
    },
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
