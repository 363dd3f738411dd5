import type { Delivery, UseCaseModel } from "./types.js";

/** A Kafka setting, by its Kafka name, that the use case's delivery semantics need, and why. */
export interface ClientSetting {
  scope: "producer" | "consumer" | "topic";
  name: string;
  value: string;
  why: string;
}

/**
 * The producer, consumer and topic settings that deliver `failure.delivery`. `min.insync.replicas` is
 * the replication factor − 1 (at least 1): with acks=all a write then survives one broker's loss and
 * the topic still takes writes while one replica is down.
 */
export function clientSettings(model: Pick<UseCaseModel, "failure" | "topics">): ClientSetting[] {
  const delivery: Delivery = model.failure.delivery;
  const rf = Math.min(...model.topics.map((t) => t.replicationFactor), Number.POSITIVE_INFINITY);
  const isr = Number.isFinite(rf) ? Math.max(1, rf - 1) : 2;
  switch (delivery) {
    case "at-most-once":
      return [
        {
          scope: "producer",
          name: "acks",
          value: "1",
          why: "the leader's acknowledgement is enough: a record lost with a failing leader is accepted, never sent twice",
        },
        {
          scope: "producer",
          name: "enable.idempotence",
          value: "false",
          why: "idempotence needs acks=all; without retries there are no duplicates to remove",
        },
        {
          scope: "producer",
          name: "retries",
          value: "0",
          why: "a retry after a lost acknowledgement could write the record twice",
        },
        {
          scope: "consumer",
          name: "enable.auto.commit",
          value: "false",
          why: "commit explicitly, before processing, so a crash skips the batch rather than repeating it",
        },
        {
          scope: "consumer",
          name: "commit strategy",
          value: "commit offsets before processing",
          why: "a record whose processing fails after the commit is not read again: at most once",
        },
        {
          scope: "topic",
          name: "min.insync.replicas",
          value: "1",
          why: "with acks=1 the setting is not consulted; 1 keeps the topic writable on its last replica",
        },
      ];
    case "at-least-once":
      return [
        {
          scope: "producer",
          name: "acks",
          value: "all",
          why: "a record counts as written once every in-sync replica has it",
        },
        {
          scope: "producer",
          name: "enable.idempotence",
          value: "true",
          why: "retries after a timeout do not write duplicates within a producer session (the default since Kafka 3.0)",
        },
        {
          scope: "producer",
          name: "delivery.timeout.ms",
          value: "120000",
          why: "the client keeps retrying a record this long before it reports the failure to the application",
        },
        {
          scope: "consumer",
          name: "enable.auto.commit",
          value: "false",
          why: "auto-commit can commit offsets of records not yet processed, losing them on a crash",
        },
        {
          scope: "consumer",
          name: "commit strategy",
          value: "commit offsets after processing",
          why: "a crash replays what was processed since the last commit: duplicates are possible, so processing must be idempotent",
        },
        {
          scope: "consumer",
          name: "isolation.level",
          value: "read_uncommitted",
          why: "no transactions are written, so there is nothing to wait for (the default)",
        },
        {
          scope: "topic",
          name: "min.insync.replicas",
          value: String(isr),
          why: `with acks=all a write needs ${isr} replicas: it survives one broker's loss, and the topic stays writable while one replica is down`,
        },
      ];
    case "exactly-once":
      return [
        {
          scope: "producer",
          name: "acks",
          value: "all",
          why: "transactions require every in-sync replica to have the record",
        },
        {
          scope: "producer",
          name: "enable.idempotence",
          value: "true",
          why: "required by transactions: the broker discards a retried batch it already has",
        },
        {
          scope: "producer",
          name: "transactional.id",
          value: "<use case>-<producer>-<instance>",
          why: "stable per producer instance across restarts, so a restarted instance fences its zombie and completes or aborts its open transaction",
        },
        {
          scope: "consumer",
          name: "isolation.level",
          value: "read_committed",
          why: "downstream consumers see only committed transactions, never records of an aborted one",
        },
        {
          scope: "consumer",
          name: "enable.auto.commit",
          value: "false",
          why: "offsets are committed inside the transaction instead",
        },
        {
          scope: "consumer",
          name: "commit strategy",
          value: "sendOffsetsToTransaction, in the transaction that writes the results",
          why: "the input's offsets and the output commit or abort together (read-process-write); effects outside Kafka still need an idempotent sink",
        },
        {
          scope: "topic",
          name: "min.insync.replicas",
          value: String(isr),
          why: `a committed transaction is on ${isr} replicas, so it survives one broker's loss`,
        },
      ];
  }
}
