import { createHmac, timingSafeEqual } from "node:crypto";
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import { DEFAULT_BOT_BODY_LIMIT_BYTES, readLimitedBody, tooLargeResponse } from "../read-body.js";

export interface HttpReceiverOptions {
  signingSecret: string;
  /** Longest wait for a listener's ack before answering Slack anyway (Slack gives up at 3 s). */
  ackTimeoutMs?: number;
  /** How many acknowledged commands and clicks are worked on at once; the rest wait their turn. */
  maxConcurrent?: number;
  now?: () => number;
  onError?: (err: unknown) => void;
  /** Largest accepted body, checked while it streams in (default 1 MiB; Slack's payloads are far smaller). */
  maxBodyBytes?: number;
}

const MAX_SKEW_SECONDS = 5 * 60;

/**
 * Slack over HTTP on any fetch-style server (here the same Hono server as the API): verifies the
 * signature, answers ssl_check and url_verification, and hands the payload to Bolt. Commands and
 * clicks are acknowledged before Bolt runs; other payloads as soon as their listener acks (or after
 * `ackTimeoutMs`). Either way the work goes on after the answer, so Slack gets its acknowledgement
 * within 3 s even when the database is slow.
 */
export class FetchReceiver implements Receiver {
  private app: App | undefined;
  private readonly queue: ReceiverEvent[] = [];
  private active = 0;

  constructor(private readonly opts: HttpReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  /**
   * Early-acknowledged work runs a few at a time, so that a burst of commands cannot starve the
   * event loop of the next requests' acknowledgements.
   */
  private enqueue(event: ReceiverEvent): void {
    this.queue.push(event);
    this.drain();
  }

  private drain(): void {
    while (this.active < (this.opts.maxConcurrent ?? 8) && this.queue.length > 0) {
      const event = this.queue.shift() as ReceiverEvent;
      this.active++;
      setImmediate(() => {
        (this.app?.processEvent(event) ?? Promise.resolve())
          .catch((err: unknown) => this.opts.onError?.(err))
          .finally(() => {
            this.active--;
            this.drain();
          });
      });
    }
  }

  async stop(): Promise<void> {}

  /** Checks Slack's signature: v0=HMAC-SHA256(secret, "v0:<timestamp>:<body>"), timestamp within 5 minutes either way. */
  verify(rawBody: string | Uint8Array, signature: string | null, timestamp: string | null): string | null {
    const problem = this.checkHeaders(signature, timestamp);
    if (problem || !signature || !timestamp) return problem;
    const expected = `v0=${createHmac("sha256", this.opts.signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest("hex")}`;
    const a = Buffer.from(signature);
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return "signature mismatch";
    return null;
  }

  /** What can be refused before reading the body: missing or malformed headers, a stale timestamp. */
  private checkHeaders(signature: string | null, timestamp: string | null): string | null {
    if (!signature || !timestamp) return "missing X-Slack-Signature or X-Slack-Request-Timestamp";
    if (!/^v0=[0-9a-f]{64}$/.test(signature)) return "malformed signature";
    const ts = Number(timestamp);
    if (!Number.isInteger(ts)) return "malformed timestamp";
    const nowSeconds = Math.floor((this.opts.now ?? Date.now)() / 1000);
    if (Math.abs(nowSeconds - ts) > MAX_SKEW_SECONDS) return "timestamp more than 5 minutes off";
    return null;
  }

  async handle(request: Request): Promise<Response> {
    const signature = request.headers.get("x-slack-signature");
    const timestamp = request.headers.get("x-slack-request-timestamp");
    // Limits before work: an unsigned request is refused before its body is read, a signed one's body
    // is capped while it streams in, and nothing is parsed before the signature matches.
    const unsigned = this.checkHeaders(signature, timestamp);
    if (unsigned) {
      await request.body?.cancel().catch(() => undefined);
      return unauthorized(unsigned);
    }
    const maxBytes = this.opts.maxBodyBytes ?? DEFAULT_BOT_BODY_LIMIT_BYTES;
    const read = await readLimitedBody(request, maxBytes);
    if (!read.ok) return tooLargeResponse(maxBytes);
    const problem = this.verify(read.bytes, signature, timestamp);
    if (problem) return unauthorized(problem);
    const rawBody = new TextDecoder().decode(read.bytes);

    let body: Record<string, unknown>;
    try {
      body = parseBody(rawBody, request.headers.get("content-type") ?? "");
    } catch {
      return new Response(JSON.stringify({ error: "unreadable Slack payload" }), { status: 400 });
    }
    if (body.ssl_check) return new Response("", { status: 200 });
    if (body.type === "url_verification") return Response.json({ challenge: body.challenge });
    if (!this.app) return new Response("", { status: 503 });

    if (acksEarly(body)) {
      // Slash commands and button clicks are always acknowledged empty (the answer goes to the
      // response URL), so answer before Bolt even runs: the acknowledgement then never waits behind
      // other work in this process. The listener's own ack() becomes a no-op.
      const early: ReceiverEvent = { body, ack: async () => {}, ...retryFields(request) };
      this.enqueue(early);
      return new Response("", { status: 200 });
    }

    let settle: (value: unknown) => void = () => {};
    const acked = new Promise((resolve) => {
      settle = resolve;
    });
    let answered = false;
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (answered) return;
        answered = true;
        settle(response ?? "");
      },
      ...retryFields(request),
    };
    const processing = this.app.processEvent(event).catch((err: unknown) => {
      this.opts.onError?.(err);
      if (!answered) {
        answered = true;
        settle(undefined);
      }
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve(""), this.opts.ackTimeoutMs ?? 2500);
    });
    const response = await Promise.race([acked, timeout, processing.then(() => (answered ? acked : ""))]);
    clearTimeout(timer);
    if (response === undefined) return new Response("", { status: 500 });
    if (typeof response === "string") return new Response(response, { status: 200 });
    return Response.json(response);
  }
}

function unauthorized(problem: string): Response {
  return new Response(JSON.stringify({ error: `invalid Slack request: ${problem}` }), {
    status: 401,
    headers: { "Content-Type": "application/json", Connection: "close" },
  });
}

/** Payloads whose acknowledgement carries nothing: slash commands and block actions. */
function acksEarly(body: Record<string, unknown>): boolean {
  return typeof body.command === "string" || body.type === "block_actions";
}

function retryFields(request: Request): Pick<ReceiverEvent, "retryNum" | "retryReason"> {
  const retryNum = request.headers.get("x-slack-retry-num");
  const retryReason = request.headers.get("x-slack-retry-reason");
  return { ...(retryNum ? { retryNum: Number(retryNum) } : {}), ...(retryReason ? { retryReason } : {}) };
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/x-www-form-urlencoded")) {
    // Interactive payloads are one field, `payload=<JSON>`: decoded directly, as URLSearchParams'
    // parser was a tenth of the CPU of a click.
    if (raw.startsWith("payload=") && !raw.includes("&")) {
      return JSON.parse(decodeURIComponent(raw.slice("payload=".length).replaceAll("+", " "))) as Record<
        string,
        unknown
      >;
    }
    const params = new URLSearchParams(raw);
    const payload = params.get("payload");
    if (payload) return JSON.parse(payload) as Record<string, unknown>;
    return Object.fromEntries(params);
  }
  return JSON.parse(raw) as Record<string, unknown>;
}
