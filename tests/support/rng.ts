/**
 * The seeded random numbers of the randomized tests: mulberry32 (Tommy Ettinger's 32-bit generator), so a
 * failure replays from its seed. The sequence for a seed must not change: tests print their seed
 * (e.g. ROLLUP_SEED) so that a run can be repeated, and tests/unit/support/rng.test.ts pins it.
 */

/** A generator of numbers in [0, 1) from `seed` (taken as an unsigned 32-bit integer). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `items`, chosen by `random`. */
export function pickWith<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
