/**
 * Preloaded into a server for W3 (`node --expose-gc --import`): on SIGUSR2 it runs a full
 * garbage collection, so the memory the bench reads next is what the connections hold,
 * not garbage that an idle process had no reason to collect yet. Nothing in the server
 * knows of it.
 */
process.on('SIGUSR2', () => {
  globalThis.gc?.();
});
