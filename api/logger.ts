import { type DestinationStream, type Logger, pino } from "pino";

/** Keys whose values are secrets wherever they appear (one level of nesting, and headers). */
const SECRET_KEYS = [
  "token",
  "tokenHash",
  "token_hash",
  "secret",
  "password",
  "authorization",
  "signature",
  "signingSecret",
  "x-slack-signature",
  "x-hub-signature-256",
  "cookie",
];

/**
 * An error as logged: its kind, message, code and stack, and its causes — never the SQL parameters
 * (drizzle's "Failed query: …\nparams: …" message, postgres.js' `parameters`), which carry token
 * hashes, comments and whole batches.
 */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return typeof err === "string" ? withoutParams(err) : err;
  const out: Record<string, unknown> = { type: err.name, message: withoutParams(err.message) };
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") out.code = code;
  if (err.stack) out.stack = withoutParams(err.stack);
  if (err.cause !== undefined && depth < 4) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

function withoutParams(text: string): string {
  return text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, "\nparams: [redacted]");
}

/** Structured JSON logs. Authorization headers, tokens and secrets are never logged; redaction is a second guard. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "baton" },
      serializers: { err: serializeError, error: serializeError },
      redact: {
        paths: SECRET_KEYS.flatMap((k) => [`["${k}"]`, `*["${k}"]`, `headers["${k}"]`, `*.headers["${k}"]`]),
        censor: "[redacted]",
      },
    },
    destination,
  );
}
