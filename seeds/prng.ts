/**
 * A small seeded pseudo-random generator (mulberry32) and helpers.
 * The seeds never use Math.random: given the same seed, every draw is the same.
 */

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** integer uniform in [min, max], both inclusive */
  int(min: number, max: number): number;
  /** float uniform in [min, max) */
  float(min: number, max: number): number;
  /** one element of a non-empty array */
  pick<T>(items: readonly T[]): T;
  /** one element, chosen with the given relative weights */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** true with probability p */
  chance(p: number): boolean;
  /** approximately normal (Box–Muller) */
  normal(mean: number, sd: number): number;
  /** normal, clamped to [min, max] */
  normalClamped(mean: number, sd: number, min: number, max: number): number;
  /** lowercase hexadecimal string of the given length */
  hex(length: number): string;
  /** a shuffled copy (Fisher–Yates) */
  shuffle<T>(items: readonly T[]): T[];
  /** a new independent generator derived from this one (for stable sub-streams) */
  fork(label: string): Rng;
}

/** mulberry32: 32-bit state, period 2^32, good enough for demo data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, to derive seeds from labels. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);

  const rng: Rng = {
    next,
    int(min, max) {
      if (max < min) throw new Error(`rng.int: max ${max} < min ${min}`);
      return min + Math.floor(next() * (max - min + 1));
    },
    float(min, max) {
      return min + next() * (max - min);
    },
    pick(items) {
      if (items.length === 0) throw new Error("rng.pick: empty array");
      return items[Math.floor(next() * items.length)];
    },
    weighted(items) {
      if (items.length === 0) throw new Error("rng.weighted: empty array");
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1][0];
    },
    chance(p) {
      return next() < p;
    },
    normal(mean, sd) {
      // Box–Muller; 1 - next() keeps the logarithm's argument in (0, 1].
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    normalClamped(mean, sd, min, max) {
      return Math.min(max, Math.max(min, rng.normal(mean, sd)));
    },
    hex(length) {
      let out = "";
      while (out.length < length)
        out += Math.floor(next() * 0x100000000)
          .toString(16)
          .padStart(8, "0");
      return out.slice(0, length);
    },
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    fork(label) {
      return createRng((hashString(label) ^ Math.floor(next() * 0x100000000)) >>> 0);
    },
  };
  return rng;
}
