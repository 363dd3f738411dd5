import { z } from "@hono/zod-openapi";

export const ErrorCode = z.enum([
  "VALIDATION",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
  "UNPROCESSABLE",
  "RATE_LIMITED",
  "UNAVAILABLE",
  "INTERNAL",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorDetail = z
  .object({
    path: z.string().openapi({
      description: "The field at fault, dotted (`agenda.3.start`); `body` for the body as a whole.",
    }),
    message: z.string(),
  })
  .openapi("ErrorDetail");
export type ErrorDetail = z.infer<typeof ErrorDetail>;

export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      details: z.array(ErrorDetail),
      requestId: z.string(),
    }),
  })
  .openapi("Error");
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** An expected refusal. Each transport maps the code its own way; HTTP does it in `codeToStatus`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export function codeToStatus(code: ErrorCode) {
  switch (code) {
    case "VALIDATION":
      return 400;
    case "UNAUTHORIZED":
      return 401;
    case "FORBIDDEN":
      return 403;
    case "NOT_FOUND":
      return 404;
    case "CONFLICT":
      return 409;
    case "PAYLOAD_TOO_LARGE":
      return 413;
    case "UNPROCESSABLE":
      return 422;
    case "RATE_LIMITED":
      return 429;
    case "UNAVAILABLE":
      return 503;
    case "INTERNAL":
      return 500;
  }
}

/** A zod failure as the envelope's details, naming each field; the message repeats them for humans. */
export function validationError(issues: readonly z.core.$ZodIssue[]): DomainError {
  const details = issues.flatMap((i): ErrorDetail[] => {
    const at = (extra: PropertyKey[] = []) => [...i.path, ...extra].map(String).join(".") || "body";
    // An unknown field is named itself, so a typo like `timeZone` points at the typo.
    if (i.code === "unrecognized_keys")
      return i.keys.map((k) => ({ path: at([k]), message: "unknown field" }));
    return [{ path: at(), message: i.message }];
  });
  const summary = details.map((d) => `${d.path}: ${d.message}`).join("; ");
  return new DomainError("VALIDATION", `Invalid request: ${summary}`, details);
}

/** Postgres unique_violation (23505), whichever driver raised it and however drizzle wrapped it. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
