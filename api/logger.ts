import { type DestinationStream, type Logger, pino } from "pino";

/** Structured JSON logs. Authorization headers and tokens are never logged; redaction is a second guard. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "baton" },
      redact: {
        paths: ["token", "*.token", "authorization", "*.authorization", "headers.authorization"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
