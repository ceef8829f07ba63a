import type { Duplex } from 'node:stream';

/** What a stream's events become for the session it feeds. */
export interface StreamEventsTarget {
  /** Bytes from the client. */
  streamData(chunk: Buffer): void;
  /** The client will send nothing more (it may still read). */
  streamEnded(): void;
  /** The socket is closed: after this, nothing more comes. */
  streamClosed(): void;
  streamFailed(error: Error): void;
}

/** The target each stream feeds: the listeners are shared functions, not closures per connection. */
const targetOf = new WeakMap<Duplex, StreamEventsTarget>();

/* The listeners: an emitter calls them with itself as `this`. */
function onData(this: Duplex, chunk: Buffer): void {
  targetOf.get(this)?.streamData(chunk);
}

function onEnd(this: Duplex): void {
  targetOf.get(this)?.streamEnded();
}

function onClose(this: Duplex): void {
  const target = targetOf.get(this);
  targetOf.delete(this);
  target?.streamClosed();
}

function onError(this: Duplex, error: Error): void {
  targetOf.get(this)?.streamFailed(error);
}

/**
 * Feeds a stream's events to `target`. Four listeners shared by every connection: an idle
 * one holds no closure of its own (W3 counts the bytes each connection holds).
 */
export function listenTo(stream: Duplex, target: StreamEventsTarget): void {
  targetOf.set(stream, target);
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.on('close', onClose);
  stream.on('error', onError);
}

/** Whether the stream still feeds its target (false once it has closed). */
export function isListening(stream: Duplex): boolean {
  return targetOf.has(stream);
}
