import { z } from "@hono/zod-openapi";
import { ErrorEnvelope } from "../errors.js";

export const Uuid = z.uuid();
export const IdParam = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: "id", in: "path" }, example: "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f" }),
});

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorEnvelope } },
});

/** The error responses every authenticated route can give. */
export const authErrors = {
  401: errorResponse("No token, or an unknown or revoked one"),
  403: errorResponse("The token's role may not do this"),
} as const;

export const errors = {
  400: errorResponse("Invalid input; `details` names each field at fault"),
  404: errorResponse("Not found"),
  409: errorResponse("Conflicts with the current state"),
  413: errorResponse("Body too large"),
  422: errorResponse("Valid input the domain refuses"),
  503: errorResponse("The database is unreachable"),
} as const;

export const bearer = [{ Bearer: [] }];

/**
 * `Idempotency-Key`: a retry with the same key and body is answered with the first result, not
 * applied again; the same key with a different body is a 422 naming `Idempotency-Key`
 * (api/lib/idempotency.ts). Every route that takes the header declares it through this.
 */
export function idempotencyHeader(description: string) {
  return z.object({
    "idempotency-key": z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({
        param: { name: "idempotency-key", in: "header" },
        description: `${description}. The same key with a different body is refused (422).`,
      }),
  });
}

/**
 * A link Baton stores and shows back: http(s) only, so a stored `javascript:` or `data:` URL can
 * never become a clickable script in a chat card or a page.
 */
export const HttpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000);

/** `?format=` of the reads a PM takes to a spreadsheet; anything else is a 400 that lists these. */
export const ExportFormat = z
  .enum(["json", "csv"])
  .default("json")
  .openapi({
    param: { name: "format", in: "query" },
    description:
      "`csv`: one row per thing, UTF-8 with a byte-order mark (opens right in Excel), as an attachment",
  });

/** The 200 of a read that also answers CSV. */
export function jsonOrCsv<T extends z.ZodType>(schema: T, description: string, csv: string) {
  return {
    description,
    content: {
      "application/json": { schema },
      "text/csv": { schema: z.string().openapi({ description: csv }) },
    },
  };
}
