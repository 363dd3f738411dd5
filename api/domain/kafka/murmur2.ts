/**
 * Kafka's key placement, exactly as the Java client does it (`Utils.murmur2` and
 * `BuiltInPartitioner.partitionForKey`): MurmurHash2 over the key's bytes with seed 0x9747b28c in
 * signed 32-bit arithmetic, made positive by `& 0x7fffffff` (not `Math.abs`), modulo the partition
 * count. A `StringSerializer` key's bytes are its UTF-8 encoding.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** MurmurHash2 of `data[0, length)` as Kafka's client computes it: a signed 32-bit int. */
export function murmur2(data: Uint8Array, length: number = data.length): number {
  let h = SEED ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i << 2;
    // little-endian, as the client reads it
    let k = (data[i4] as number) | ((data[i4 + 1] as number) << 8) | ((data[i4 + 2] as number) << 16);
    k |= (data[i4 + 3] as number) << 24;
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  // Java's switch falls through: 3 remaining bytes mix in all three
  const tail = length & ~3;
  const rest = length % 4;
  if (rest >= 3) h ^= (data[tail + 2] as number) << 16;
  if (rest >= 2) h ^= (data[tail + 1] as number) << 8;
  if (rest >= 1) {
    h ^= data[tail] as number;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

let scratch = new Uint8Array(256);

/**
 * The bytes Kafka's `StringSerializer` sends for `key` (Java's `getBytes(UTF_8)`), written into a
 * reused buffer (valid until the next call); answers their length. A lone surrogate becomes `?`
 * (0x3f), as Java's encoder replaces it — TextEncoder would write U+FFFD instead.
 */
function utf8(key: string): number {
  const n = key.length;
  if (scratch.length < n * 3) scratch = new Uint8Array(Math.max(n * 3, scratch.length * 2));
  const out = scratch;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x80) {
      out[j++] = c;
    } else if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? key.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        out[j++] = 0xf0 | (cp >> 18);
        out[j++] = 0x80 | ((cp >> 12) & 0x3f);
        out[j++] = 0x80 | ((cp >> 6) & 0x3f);
        out[j++] = 0x80 | (cp & 0x3f);
        i++;
      } else {
        out[j++] = 0x3f;
      }
    } else {
      out[j++] = 0xe0 | (c >> 12);
      out[j++] = 0x80 | ((c >> 6) & 0x3f);
      out[j++] = 0x80 | (c & 0x3f);
    }
  }
  return j;
}

/** `key` as Kafka's StringSerializer encodes it (a copy). */
export function keyBytes(key: string): Uint8Array {
  return scratch.slice(0, utf8(key));
}

/** murmur2 of a string key's UTF-8 bytes. */
export function murmur2String(key: string): number {
  const length = utf8(key);
  return murmur2(scratch, length);
}

/** The partition Kafka's default partitioner gives a keyed record: `(murmur2(utf8(key)) & 0x7fffffff) % partitions`. */
export function partitionForKey(key: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new RangeError("partitions must be a positive integer");
  return (murmur2String(key) & 0x7fffffff) % partitions;
}
