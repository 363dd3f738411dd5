import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../context.js";
import { validationError } from "../errors.js";
import { assertStorable } from "./storable.js";

type HookResult = { success: boolean; target?: string; data?: unknown; error?: { issues: never[] } };
type Hook = (result: HookResult, c: Context<AppEnv>) => unknown;

const defaultHook: Hook = (result) => {
  if (!result.success && result.error) throw validationError(result.error.issues);
};

/**
 * A router whose validation failures become the one error envelope, naming each field, and whose
 * valid input is also storable (no NUL, years 0001–9999, bounded depth: see storable.ts) — for every
 * route, including those that bring their own hook. zod-openapi binds the hook when a route is
 * registered, so every router must be made here.
 */
export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: defaultHook as never });
  const register = router.openapi.bind(router) as (...args: unknown[]) => unknown;
  router.openapi = ((route: unknown, handler: unknown, hook?: Hook) => {
    const own = hook ?? defaultHook;
    const checked: Hook = (result, c) => {
      if (result.success) assertStorable(result.data, result.target === "json" ? "body" : result.target);
      return own(result, c);
    };
    return register(route, handler, checked);
  }) as typeof router.openapi;
  return router;
}
