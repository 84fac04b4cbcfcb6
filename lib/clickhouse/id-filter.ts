import "server-only";
/**
 * A growable Bloom filter of strings: "certainly absent" or "maybe present". The ingest writer keeps every
 * stored event_id in one (lib/clickhouse/stored-ids.ts), so that a batch of new ids needs no look-up in the
 * store at all, whatever timestamps they carry; only the "maybe" ids are confirmed by a query. False positives
 * cost a look-up, never a wrong answer; there are no false negatives for ids that were added.
 *
 * Layers: when the newest layer is full, a new one twice its size is added (a scalable Bloom filter); a key
 * is present when any layer has it. ~14.4 bits per key and 10 probes give 0.1 % false positives per layer.
 * Hashing: two 32-bit hashes of the UTF-16 code units (FNV-1a and a murmur-style mix), combined by double
 * hashing (Kirsch–Mitzenmacher).
 */
const BITS_PER_KEY = 14.4;
const PROBES = 10;

type Layer = { bits: Uint32Array; size: number; capacity: number; count: number };

function newLayer(capacity: number): Layer {
  const size = Math.max(1024, Math.ceil(capacity * BITS_PER_KEY));
  return { bits: new Uint32Array(Math.ceil(size / 32)), size, capacity, count: 0 };
}

function hashes(key: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    let k = Math.imul(c, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h2 ^= k;
    h2 = Math.imul((h2 << 13) | (h2 >>> 19), 5) + 0xe6546b64;
  }
  h2 ^= h2 >>> 16;
  h2 = Math.imul(h2, 0x85ebca6b);
  h2 ^= h2 >>> 13;
  // An odd step visits distinct positions for every probe.
  return [h1 >>> 0, (h2 | 1) >>> 0];
}

export class IdFilter {
  private layers: Layer[];

  constructor(expected = 1 << 20) {
    this.layers = [newLayer(Math.max(1024, expected))];
  }

  get count(): number {
    return this.layers.reduce((n, l) => n + l.count, 0);
  }

  add(key: string): void {
    let layer = this.layers[this.layers.length - 1];
    if (layer.count >= layer.capacity) this.layers.push((layer = newLayer(layer.capacity * 2)));
    const [h1, h2] = hashes(key);
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + i * h2) % layer.size;
      layer.bits[bit >>> 5] |= 1 << (bit & 31);
    }
    layer.count++;
  }

  mightContain(key: string): boolean {
    const [h1, h2] = hashes(key);
    for (const layer of this.layers) {
      let all = true;
      for (let i = 0; i < PROBES && all; i++) {
        const bit = (h1 + i * h2) % layer.size;
        all = (layer.bits[bit >>> 5] & (1 << (bit & 31))) !== 0;
      }
      if (all) return true;
    }
    return false;
  }
}
