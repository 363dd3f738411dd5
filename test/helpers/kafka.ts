import type { UseCaseModel } from "../../api/domain/kafka/types.js";

/**
 * The hand-computed example (the same as docs/architecture-model.md):
 * orders: checkout 5,000 msg/s peak (1,000 avg) × 2,000 B + refunds 500 (100) × 1,000 B
 *   ingress = 5000×2000/10^6 + 500×1000/10^6 = 10 + 0.5 = 10.5 MB/s; avg = 2 + 0.1 = 2.1 MB/s
 *   partitions = max(ceil(10.5/10)=2, ceil(10.5/20)=1, ceil(5500/1000)=6 for billing, 1) = 6 (billing)
 *   storage = 2.1 × 168 × 3600 × 3 / 1000 = 3810.24 GB
 *   network in = 10.5 × 3 = 31.5; out = 10.5 × (2 groups + 3 − 1) = 42
 * audit: auditor 20 (10) × 500 B: ingress 0.01, avg 0.005; 3 partitions given; 720 h
 *   storage = 0.005 × 720 × 3600 × 3 / 1000 = 38.88 GB; in 0.03; out 0.01 × (0 + 3 − 1) = 0.02
 * cluster: storage 3849.12 GB, network 73.55 MB/s, 6×3 + 3×3 = 27 partition replicas
 *   brokers = max(3, 3, ceil(3849.12/2400)=2, ceil(73.55/180)=1, ceil(27/4000)=1) = 3 (quorum)
 */
export const EXAMPLE: UseCaseModel = {
  title: "Order to cash",
  producers: [
    { key: "checkout", topic: "orders", messagesPerSecond: { avg: 1000, peak: 5000 }, messageBytes: 2000 },
    { key: "refunds", topic: "orders", messagesPerSecond: { avg: 100, peak: 500 }, messageBytes: 1000 },
    { key: "auditor", topic: "audit", messagesPerSecond: { avg: 10, peak: 20 }, messageBytes: 500 },
  ],
  topics: [
    { name: "orders", replicationFactor: 3, retentionHours: 168, cleanupPolicy: "delete", format: "avro" },
    { name: "audit", partitions: 3, replicationFactor: 3, retentionHours: 720, cleanupPolicy: "delete" },
  ],
  consumers: [
    { key: "billing", group: "billing", topic: "orders", messagesPerSecond: 1000 },
    { key: "analytics", group: "analytics", topic: "orders" },
  ],
  failure: { delivery: "at-least-once" },
};
