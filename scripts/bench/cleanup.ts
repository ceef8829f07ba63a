import os from 'node:os';

/**
 * Last-resort cleanup for Ctrl-C or a crash: whatever is registered here (kill a server
 * child by its PID, remove a temporary directory) runs synchronously before the process
 * exits. The normal path cleans up in `finally` blocks and unregisters.
 */
const stops = new Set<() => void>();

export function onEmergencyStop(stop: () => void): () => void {
  stops.add(stop);
  return () => {
    stops.delete(stop);
  };
}

export function emergencyStopAll(): void {
  for (const stop of [...stops]) {
    stops.delete(stop);
    try {
      stop();
    } catch {
      // Keep going: the other children must be stopped too.
    }
  }
}

/**
 * Children (servers) must not outlive the script, whatever ends it: on exit, Ctrl-C,
 * SIGTERM or SIGHUP everything registered is stopped; a signal then exits with 128 + its number.
 */
export function stopAllOnExit(): void {
  process.on('exit', emergencyStopAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping servers`);
      emergencyStopAll();
      process.exit(128 + os.constants.signals[signal]);
    });
  }
}
