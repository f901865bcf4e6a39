// Seeded pseudo-random numbers (sfc32, seeded by splitmix32 over a string key) so that a
// simulator run is reproducible from --seed. Not for secrets.

/** FNV-1a over the UTF-16 code units: turns a seed key into 32 bits. */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One splitmix32 output; used only to spread a 32-bit seed over the 128-bit sfc32 state. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  /** The key this stream was made from; fork() derives child keys from it. */
  readonly key: string;
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    this.key = String(seed);
    const st = { s: hashKey(this.key) };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    // sfc32 wants a few rounds before its output is well mixed.
    for (let i = 0; i < 12; i++) this.u32();
  }

  /**
   * An independent stream named `label`. It depends only on this stream's key, never on how
   * many numbers were drawn, so adding a draw in one part of the simulator does not shift another.
   */
  fork(label: string): Rng {
    return new Rng(`${this.key}/${label}`);
  }

  /** Uniform unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer uniform in [minIncl, maxExcl). */
  int(minIncl: number, maxExcl: number): number {
    return minIncl + Math.floor(this.next() * (maxExcl - minIncl));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** Normal deviate (Box-Muller; one draw pair per call keeps the stream simple to reason about). */
  normal(mean = 0, sd = 1): number {
    const u1 = 1 - this.next(); // (0, 1], so log is finite
    const u2 = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Poisson deviate: Knuth's product method for small means, a rounded normal above 30. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit && k < 1000) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Binomial count of successes in n trials of probability p (normal approximation for large n). */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    const mean = n * p;
    if (n <= 64) {
      let k = 0;
      for (let i = 0; i < n; i++) if (this.next() < p) k++;
      return k;
    }
    if (mean < 30) return Math.min(n, this.poisson(mean));
    return Math.min(n, Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean * (1 - p))))));
  }

  /** A uniformly chosen element; throws on an empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty array');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Non-zero u32, for boot ids where 0 would read as "absent" in proto3. */
  nonZeroU32(): number {
    for (let i = 0; i < 8; i++) {
      const v = this.u32();
      if (v !== 0) return v;
    }
    return 1;
  }
}
