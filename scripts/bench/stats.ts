/**
 * Latency histograms in microseconds with log-linear buckets: exact below 64 µs, then 64
 * buckets per power of two (1.6 % wide). Memory is fixed whatever the number of samples (a
 * fan-out step records millions), recording is a few integer operations (this runs once per
 * received line), and histograms from several workers merge by adding counts.
 */

const SUB_BITS = 6;
const SUB_BUCKETS = 1 << SUB_BITS;
/** Values are capped at 2^31 µs (about 36 minutes). */
const MAX_EXPONENT = 31;
const BUCKETS = (MAX_EXPONENT - SUB_BITS + 1) * SUB_BUCKETS;
const MAX_MICROS = 2 ** MAX_EXPONENT - 1;

function bucketOf(micros: number): number {
  if (micros < SUB_BUCKETS) return micros;
  const exponent = 31 - Math.clz32(micros);
  const mantissa = (micros >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
  return (exponent - SUB_BITS + 1) * SUB_BUCKETS + mantissa;
}

/** The largest value (µs) that falls in `index`. */
function bucketTop(index: number): number {
  if (index < SUB_BUCKETS) return index;
  const exponent = Math.floor(index / SUB_BUCKETS) + SUB_BITS - 1;
  const mantissa = index % SUB_BUCKETS;
  return ((SUB_BUCKETS + mantissa + 1) * 2 ** (exponent - SUB_BITS)) - 1;
}

/** What crosses thread boundaries: plain data, structured-clone friendly. */
export interface HistogramData {
  counts: Uint32Array;
  count: number;
  sumMs: number;
  maxMs: number;
}

export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  private count = 0;
  private sumMs = 0;
  private maxMs = 0;

  static from(data: HistogramData): Histogram {
    return new Histogram().merge(data);
  }

  get size(): number {
    return this.count;
  }

  record(ms: number): void {
    // Clock skew between threads can make a tiny latency negative; it is still a sample.
    const value = ms > 0 ? ms : 0;
    const micros = Math.min(MAX_MICROS, Math.floor(value * 1000));
    const index = bucketOf(micros);
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.count++;
    this.sumMs += value;
    if (value > this.maxMs) this.maxMs = value;
  }

  merge(data: HistogramData): this {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] = (this.counts[i] ?? 0) + (data.counts[i] ?? 0);
    this.count += data.count;
    this.sumMs += data.sumMs;
    this.maxMs = Math.max(this.maxMs, data.maxMs);
    return this;
  }

  toData(): HistogramData {
    return { counts: this.counts.slice(), count: this.count, sumMs: this.sumMs, maxMs: this.maxMs };
  }

  /** The p-th percentile (0-100) in ms, as the top of its bucket (never above the maximum); NaN when empty. */
  percentile(p: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min((bucketTop(i) + 1) / 1000, this.maxMs);
    }
    return this.maxMs;
  }

  summary(): LatencySummary {
    return {
      samples: this.count,
      p50Ms: round(this.percentile(50)),
      p99Ms: round(this.percentile(99)),
      maxMs: round(this.maxMs),
      meanMs: round(this.count === 0 ? NaN : this.sumMs / this.count),
    };
  }
}

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export function mergeHistograms(parts: readonly HistogramData[]): Histogram {
  const total = new Histogram();
  for (const part of parts) total.merge(part);
  return total;
}

/** Two decimals are plenty for ms and msgs/s, and keep the JSON readable. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Least-squares slope of y over x: how y grows per unit of x, less sensitive to one noisy reading than two points. */
export function linearSlope(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return NaN;
  const meanX = points.reduce((total, p) => total + p.x, 0) / points.length;
  const meanY = points.reduce((total, p) => total + p.y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.x - meanX) * (p.y - meanY);
    variance += (p.x - meanX) ** 2;
  }
  return variance === 0 ? NaN : covariance / variance;
}
