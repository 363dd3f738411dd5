import type { z } from "@hono/zod-openapi";
import { validationError } from "../errors.js";
import { assertStorable } from "./storable.js";

/**
 * zod reports a failed union as one `invalid_union` issue at the union's path. When the input
 * plainly meant one branch — an object where the branches are "a key or an object" — that branch's
 * own issues are more useful: `dependsOn.0.lagDays: expected int` rather than `dependsOn.0: invalid`.
 */
export function expandUnionIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue): z.core.$ZodIssue[] => {
    if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
    const plausible = issue.errors.filter(
      (branch) => !branch.some((i) => i.path.length === 0 && i.code === "invalid_type"),
    );
    const [only] = plausible;
    if (plausible.length !== 1 || !only) return [issue];
    return expandUnionIssues(only.map((i) => ({ ...i, path: [...issue.path, ...i.path] })));
  });
}

/** A route hook like the router's default one, with union issues expanded. */
export function unionAwareHook(result: { success: boolean; error?: z.ZodError; target?: string }): undefined {
  if (!result.success && result.error) throw validationError(expandUnionIssues(result.error.issues));
  const { data } = result as { data?: unknown };
  if (result.success) assertStorable(data, result.target === "json" ? "body" : result.target);
  return undefined;
}
