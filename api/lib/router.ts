import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.js";
import { validationError } from "../errors.js";
import { assertStorable } from "./storable.js";

/**
 * A router whose validation failures become the one error envelope, naming each field, and whose
 * valid input is also storable (no NUL, years 0001–9999, bounded depth: see storable.ts).
 * zod-openapi binds the hook when a route is registered, so every router must be made here.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error.issues);
      assertStorable(result.data, result.target === "json" ? "body" : result.target);
    },
  });
}
