/**
 * A small deterministic pseudo-random generator, so a validation sample is reproducible from its seed on any Node
 * version or platform (Math.random cannot be seeded). Mulberry32 (Tommy Ettinger's public-domain 32-bit
 * generator): one 32-bit state advanced by a Weyl increment and mixed with integer multiplies; period 2^32,
 * plenty for drawing a few hundred items. All arithmetic is 32-bit integer (Math.imul, >>>), hence exact.
 */

/** FNV-1a 32-bit hash of a string's UTF-16 code units: turns any seed text into a 32-bit state. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The first `count` items of a seeded Fisher–Yates shuffle of `items` (a uniform random subset, in draw order). */
export function drawWithoutReplacement<Item>(
  items: readonly Item[],
  count: number,
  random: () => number,
): Item[] {
  const pool = [...items];
  const take = Math.min(count, pool.length);
  for (let index = 0; index < take; index++) {
    const pick = index + Math.floor(random() * (pool.length - index));
    [pool[index], pool[pick]] = [pool[pick] as Item, pool[index] as Item];
  }
  return pool.slice(0, take);
}
