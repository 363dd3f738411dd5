import type { z } from "@hono/zod-openapi";
import { findUnstorable } from "./storable.js";

export type InputCheck<T> = { ok: true; data: T } | { ok: false; issues: z.core.$ZodIssue[] };

/**
 * The API's whole check of one input, for callers outside a route (the CSV importer checks each row
 * with it before sending any): the zod schema, then what PostgreSQL could not store (NUL, years
 * outside 0001–9999, depth), exactly as the router's hook applies them to every route's input.
 */
export function checkInput<T extends z.ZodType>(schema: T, value: unknown): InputCheck<z.output<T>> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  const unstorable = findUnstorable(parsed.data, "");
  if (unstorable) {
    const path = unstorable.path === "" ? [] : unstorable.path.split(".");
    return { ok: false, issues: [{ code: "custom", path, message: unstorable.message, input: value }] };
  }
  return { ok: true, data: parsed.data };
}
