/**
 * What front ends made of one thing sent to many (a message, a notice), kept so that it is
 * made once per way of showing it, however many sessions show it that way. A front end
 * owns a range of slots (lib/protocol/line uses the first few); the same buffer is then
 * written to every session that shares a slot, which is what keeps fan-out cheap.
 */
export class RenderCache {
  private readonly rendered: (Buffer | string | undefined)[] = [];

  bytes(slot: number): Buffer | undefined {
    const value = this.rendered[slot];
    return typeof value === 'string' ? undefined : value;
  }

  text(slot: number): string | undefined {
    const value = this.rendered[slot];
    return typeof value === 'string' ? value : undefined;
  }

  keep<T extends Buffer | string>(slot: number, value: T): T {
    this.rendered[slot] = value;
    return value;
  }
}
