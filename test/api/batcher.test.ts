import { describe, expect, it } from "vitest";
import { KeyedBatcher } from "../../api/lib/batcher.js";

/** A send that records its batches and answers when told to. */
function controlledSend() {
  const batches: {
    key: string;
    items: number[];
    answer: (outcomes?: PromiseSettledResult<string>[]) => void;
    fail: (e: Error) => void;
  }[] = [];
  const send = (key: string, items: number[]) =>
    new Promise<PromiseSettledResult<string>[]>((resolve, reject) => {
      batches.push({
        key,
        items,
        answer: (outcomes) =>
          resolve(outcomes ?? items.map((i) => ({ status: "fulfilled" as const, value: `${key}:${i}` }))),
        fail: reject,
      });
    });
  return { batches, send };
}

const settled = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

describe("KeyedBatcher", () => {
  it("sends the first call at once, and the calls made meanwhile as one batch, in order", async () => {
    const { batches, send } = controlledSend();
    const b = new KeyedBatcher(send);
    const first = b.submit("p", 1);
    await settled();
    expect(batches.map((x) => x.items)).toEqual([[1]]);
    const rest = [2, 3, 4].map((i) => b.submit("p", i));
    await settled();
    expect(batches).toHaveLength(1); // nothing else while the first is in flight
    batches[0]?.answer();
    expect(await first).toBe("p:1");
    await settled();
    expect(batches.map((x) => x.items)).toEqual([[1], [2, 3, 4]]);
    batches[1]?.answer();
    expect(await Promise.all(rest)).toEqual(["p:2", "p:3", "p:4"]);
  });

  it("keeps keys apart: another poll's votes do not wait", async () => {
    const { batches, send } = controlledSend();
    const b = new KeyedBatcher(send);
    void b.submit("p", 1);
    void b.submit("q", 1);
    await settled();
    expect(batches.map((x) => `${x.key}:${x.items.join()}`)).toEqual(["p:1", "q:1"]);
  });

  it("splits what waited into batches of at most maxBatch", async () => {
    const { batches, send } = controlledSend();
    const b = new KeyedBatcher(send, 2);
    const all = [1, 2, 3, 4, 5].map((i) => b.submit("p", i));
    for (let n = 0; n < 3; n++) {
      await settled();
      batches.at(-1)?.answer();
    }
    expect(await Promise.all(all)).toEqual(["p:1", "p:2", "p:3", "p:4", "p:5"]);
    expect(batches.map((x) => x.items)).toEqual([[1], [2, 3], [4, 5]]);
  });

  it("gives each call its own outcome, fails a whole batch on a rejection, and goes on with the next", async () => {
    const { batches, send } = controlledSend();
    const b = new KeyedBatcher(send);
    const first = b.submit("p", 1);
    const [two, three] = [b.submit("p", 2), b.submit("p", 3)];
    const four = b.submit("p", 4);
    await settled();
    batches[0]?.fail(new Error("database down"));
    await expect(first).rejects.toThrow("database down");
    await settled();
    batches[1]?.answer([
      { status: "rejected", reason: new Error("not an option") },
      { status: "fulfilled", value: "ok 3" },
      // one outcome short: the last call must not hang
    ]);
    await expect(two).rejects.toThrow("not an option");
    await expect(three).resolves.toBe("ok 3");
    await expect(four).rejects.toThrow("fewer results");
    const five = b.submit("p", 5);
    await settled();
    batches.at(-1)?.answer();
    await expect(five).resolves.toBe("p:5");
  });

  it("does not hang when send throws synchronously", async () => {
    const b = new KeyedBatcher<number, string>(() => {
      throw new Error("boom");
    });
    await expect(b.submit("p", 1)).rejects.toThrow("boom");
    await expect(b.submit("p", 2)).rejects.toThrow("boom");
  });
});
