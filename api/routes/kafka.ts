import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { partitionForKey } from "../domain/kafka/murmur2.js";
import { checkCompatibility } from "../domain/kafka/schema-compatibility.js";
import { DomainError } from "../errors.js";
import { createRouter } from "../lib/router.js";
import {
  CompatibilityAnswer,
  CompatibilityRequest,
  PartitionsAnswer,
  PartitionsRequest,
} from "../schemas/architecture.js";
import { authErrors, bearer, errors } from "../schemas/common.js";

const anyone = () => requireRole("facilitator", "pm", "bot");

const partitions = createRoute({
  method: "post",
  path: "/kafka/partitions",
  tags: ["architecture"],
  summary: "Where Kafka's default partitioner puts each key",
  description:
    "`(murmur2(utf8(key)) & 0x7fffffff) % partitions`, exactly as the Java client's built-in partitioner places " +
    "keyed records (StringSerializer keys). Up to 100,000 keys.",
  security: bearer,
  middleware: [anyone()] as const,
  request: { body: { required: true, content: { "application/json": { schema: PartitionsRequest } } } },
  responses: {
    200: {
      description: "The partition of each key",
      content: { "application/json": { schema: PartitionsAnswer } },
    },
    400: errors[400],
    ...authErrors,
  },
});

const compatibility = createRoute({
  method: "post",
  path: "/schemas/compatibility",
  tags: ["architecture"],
  summary: "Is a new Avro schema compatible with its previous versions, in a Schema Registry mode?",
  description:
    "BACKWARD: the new schema reads data written with the previous one; FORWARD: the previous reads the new; " +
    "FULL: both. Plain modes check the newest previous version only, `…_TRANSITIVE` every one; NONE checks " +
    "nothing. Messages name the field and what it breaks. A schema that is not valid Avro is a 400 naming it.",
  security: bearer,
  middleware: [anyone()] as const,
  request: { body: { required: true, content: { "application/json": { schema: CompatibilityRequest } } } },
  responses: {
    200: { description: "The verdict", content: { "application/json": { schema: CompatibilityAnswer } } },
    400: errors[400],
    ...authErrors,
  },
});

export const kafkaRoutes = createRouter()
  .openapi(partitions, (c) => {
    const { partitions: n, keys } = c.req.valid("json");
    return c.json({ partitions: keys.map((k) => partitionForKey(k, n)) }, 200);
  })
  .openapi(compatibility, (c) => {
    const r = checkCompatibility(c.req.valid("json"));
    if (r.kind === "invalid") {
      throw new DomainError("VALIDATION", `Invalid request: ${r.path}: ${r.message}`, [
        { path: r.path, message: r.message },
      ]);
    }
    return c.json({ compatible: r.compatible, messages: r.messages }, 200);
  });
