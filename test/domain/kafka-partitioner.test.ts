import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyBytes, murmur2, murmur2String, partitionForKey } from "../../api/domain/kafka/murmur2.js";

/**
 * A second, deliberately plain murmur2: BigInt arithmetic modulo 2^32 and TextEncoder, written from
 * Kafka's `Utils.murmur2`, so the fast one (Math.imul, hand-rolled UTF-8) is checked against it.
 */
function referenceMurmur2(bytes: Uint8Array): number {
  const mask = 0xffffffffn;
  const m = 0x5bd1e995n;
  let h = (0x9747b28cn ^ BigInt(bytes.length)) & mask;
  const n4 = Math.floor(bytes.length / 4);
  for (let i = 0; i < n4; i++) {
    let k = 0n;
    for (let b = 3; b >= 0; b--) k = (k << 8n) | BigInt(bytes[i * 4 + b] as number);
    k = (k * m) & mask;
    k ^= k >> 24n;
    k = (k * m) & mask;
    h = (h * m) & mask;
    h ^= k;
  }
  const tail = bytes.length - (bytes.length % 4);
  const rest = bytes.length % 4;
  if (rest >= 3) h ^= BigInt(bytes[tail + 2] as number) << 16n;
  if (rest >= 2) h ^= BigInt(bytes[tail + 1] as number) << 8n;
  if (rest >= 1) {
    h ^= BigInt(bytes[tail] as number);
    h = (h * m) & mask;
  }
  h ^= h >> 13n;
  h = (h * m) & mask;
  h ^= h >> 15n;
  return Number(BigInt.asIntN(32, h));
}

describe("murmur2 as Kafka's Java client computes it", () => {
  // apache/kafka, clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java, testMurmur2:
  // the client's own published vectors for Utils.murmur2 (ASCII bytes, signed 32-bit results).
  it.each([
    ["21", -973932308],
    ["foobar", -790332482],
    ["a-little-bit-long-string", -985981536],
    ["a-little-bit-longer-string", -1486304829],
    ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
    ["abc", 479470107],
  ])("murmur2(%j) = %i (Kafka's UtilsTest)", (key, expected) => {
    expect(murmur2String(key)).toBe(expected);
    expect(murmur2(new TextEncoder().encode(key))).toBe(expected);
  });

  // BuiltInPartitioner.partitionForKey(key.getBytes(), 10) for these keys, as asserted against the
  // real kafka-clients jar in a public Spock specification (PartitionerSpec, "DefaultPartitioner#partition").
  it.each([
    ["a", 4],
    ["b", 6],
    ["c", 4],
    ["d", 3],
    ["e", 4],
  ])("puts %j in partition %i of 10", (key, partition) => {
    expect(partitionForKey(key, 10)).toBe(partition);
  });

  it("makes a negative hash positive with & 0x7fffffff, not Math.abs", () => {
    // murmur2("21") = -973932308: & 0x7fffffff gives 1173551340, Math.abs would give 973932308
    expect(partitionForKey("21", 1_000_000_000)).toBe(1173551340 % 1_000_000_000);
    expect(partitionForKey("21", 1_000_000_000)).not.toBe(973932308);
  });

  it("hashes the empty key (seed ^ 0 through the finaliser)", () => {
    expect(murmur2String("")).toBe(referenceMurmur2(new Uint8Array()));
    expect(partitionForKey("", 7)).toBe((referenceMurmur2(new Uint8Array()) & 0x7fffffff) % 7);
  });

  it("encodes keys as UTF-8 the way Java's String.getBytes(UTF_8) does", () => {
    expect([...keyBytes("é€😀")]).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
    // A lone surrogate is '?' in Java (TextEncoder would write U+FFFD).
    expect([...keyBytes("a\ud800b")]).toEqual([0x61, 0x3f, 0x62]);
  });

  it("agrees with a plain BigInt murmur2 on random UTF-8, empty and long keys", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "grapheme", maxLength: 40 }),
          fc.string({ unit: "binary", maxLength: 40 }),
          fc.string({ minLength: 300, maxLength: 2000 }),
          fc.constant(""),
        ),
        fc.integer({ min: 1, max: 10_000 }),
        (key, partitions) => {
          const bytes = new TextEncoder().encode(key);
          const expected = referenceMurmur2(bytes);
          expect(murmur2String(key)).toBe(expected);
          expect(partitionForKey(key, partitions)).toBe((expected & 0x7fffffff) % partitions);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses a partition count that is not a positive integer", () => {
    expect(() => partitionForKey("a", 0)).toThrow(RangeError);
    expect(() => partitionForKey("a", 1.5)).toThrow(RangeError);
  });
});
