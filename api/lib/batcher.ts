/**
 * Coalesces calls per key: the first call for a key is sent at once; calls for the same key made while
 * it is in flight wait, and go together as the next batch (at most `maxBatch`), in the order they were
 * made. So a quiet room pays no delay, a busy one pays one round trip per batch instead of per call,
 * and one key never has two batches in flight (a person's second click cannot overtake the first).
 */
export class KeyedBatcher<In, Out> {
  private readonly queues = new Map<string, Pending<In, Out>[]>();

  constructor(
    /** Sends one batch; answers one outcome per item, in order. A rejection fails every item. */
    private readonly send: (key: string, items: In[]) => Promise<PromiseSettledResult<Out>[]>,
    private readonly maxBatch = 100,
  ) {}

  submit(key: string, item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      const entry = { item, resolve, reject };
      const queue = this.queues.get(key);
      if (queue) {
        queue.push(entry);
        return;
      }
      this.queues.set(key, []);
      this.run(key, [entry]);
    });
  }

  private run(key: string, batch: Pending<In, Out>[]): void {
    const settle = (outcomes: PromiseSettledResult<Out>[]) => {
      for (const [i, entry] of batch.entries()) {
        const outcome = outcomes[i];
        if (outcome?.status === "fulfilled") entry.resolve(outcome.value);
        else
          entry.reject(
            outcome ? outcome.reason : new Error("the batch answered fewer results than it was sent"),
          );
      }
    };
    const failAll = (err: unknown) => {
      for (const entry of batch) entry.reject(err);
    };
    const items = batch.map((e) => e.item);
    Promise.resolve()
      .then(() => this.send(key, items))
      .then(settle, failAll)
      .finally(() => {
        const queue = this.queues.get(key) ?? [];
        if (queue.length === 0) {
          this.queues.delete(key);
          return;
        }
        this.run(key, queue.splice(0, this.maxBatch));
      });
  }
}

interface Pending<In, Out> {
  item: In;
  resolve: (value: Out) => void;
  reject: (reason: unknown) => void;
}
