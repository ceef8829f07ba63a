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
