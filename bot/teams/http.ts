import type { CloudAdapter, TurnContext } from "botbuilder";
import { DEFAULT_BOT_BODY_LIMIT_BYTES, readLimitedBody, tooLargeResponse } from "../read-body.js";
import type { ChannelTokenCheck } from "./auth.js";

export interface ProcessOptions {
  /**
   * Refuse a request without a well-formed `Authorization: Bearer <JWT>` before reading its body
   * (false only in the Emulator's anonymous mode).
   */
  requireAuthorization?: boolean;
  /**
   * With `requireAuthorization`: the token's signature, issuer, audience and lifetime, verified before
   * the body is read. botbuilder verifies it again with the activity (service URL, endorsements).
   */
  verifyToken?: ChannelTokenCheck;
  /** Largest accepted body, checked while it streams in (default 1 MiB). */
  maxBodyBytes?: number;
}

const JWT = /^Bearer\s+[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** One answer for every authentication failure: nothing about hosts, keys or the token's contents. */
function unauthorized(): Response {
  return Response.json(
    { error: "Unauthorized: the Bot Framework token is missing or not valid for this bot." },
    { status: 401, headers: { Connection: "close" } },
  );
}

/**
 * CloudAdapter speaks Node/Express request and response objects; Baton's server speaks fetch. This
 * hands a fetch Request to the adapter and turns what it wrote back into a fetch Response, including
 * the replies of `deliveryMode: "expectReplies"` activities.
 */
export async function processRequest(
  adapter: CloudAdapter,
  request: Request,
  logic: (context: TurnContext) => Promise<void>,
  options: ProcessOptions = {},
): Promise<Response> {
  // Limits before work: no verified token, no body read; a body only up to the limit; then JSON.
  if (options.requireAuthorization) {
    const authorization = request.headers.get("authorization") ?? "";
    const verified = JWT.test(authorization) && (await (options.verifyToken?.(authorization) ?? true));
    if (!verified) {
      await request.body?.cancel().catch(() => undefined);
      return unauthorized();
    }
  }
  const maxBytes = options.maxBodyBytes ?? DEFAULT_BOT_BODY_LIMIT_BYTES;
  const read = await readLimitedBody(request, maxBytes);
  if (!read.ok) return tooLargeResponse(maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(read.bytes));
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw new Error("not an object");
  } catch {
    return Response.json({ error: "the body must be a Bot Framework activity (JSON)" }, { status: 400 });
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const out: { status: number; body: unknown; headers: Record<string, string> } = {
    status: 200,
    body: undefined,
    headers: {},
  };
  const res = {
    socket: null,
    status(code: number) {
      out.status = code;
    },
    send(payload: unknown) {
      out.body = payload;
    },
    header(name: string, value: string) {
      out.headers[name] = value;
    },
    end() {},
  };
  await adapter.process(
    { body: body as Record<string, unknown>, headers, method: request.method },
    res,
    logic,
  );
  // botbuilder answers a failed authentication with the error's message, which can name the hosts it
  // fetched keys from; and an unexpected failure likewise. Neither is for the caller.
  if (out.status === 401) return unauthorized();
  if (out.status >= 500) {
    return Response.json({ error: "Something went wrong on Baton's side." }, { status: out.status });
  }
  if (out.body === undefined || out.body === null)
    return new Response(null, { status: out.status, headers: out.headers });
  if (typeof out.body === "string")
    return new Response(out.body, { status: out.status, headers: out.headers });
  return Response.json(out.body, { status: out.status, headers: out.headers });
}
