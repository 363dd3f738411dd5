import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.js";
import { validationError } from "../errors.js";

/**
 * A router whose validation failures become the one error envelope, naming each field.
 * zod-openapi binds the hook when a route is registered, so every router must be made here.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error.issues);
    },
  });
}
