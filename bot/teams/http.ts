import type { CloudAdapter, TurnContext } from "botbuilder";

/**
 * CloudAdapter speaks Node/Express request and response objects; Baton's server speaks fetch. This
 * hands a fetch Request to the adapter and turns what it wrote back into a fetch Response, including
 * the replies of `deliveryMode: "expectReplies"` activities.
 */
export async function processRequest(
  adapter: CloudAdapter,
  request: Request,
  logic: (context: TurnContext) => Promise<void>,
): Promise<Response> {
  let body: unknown;
  try {
    body = await request.json();
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
  if (out.body === undefined || out.body === null)
    return new Response(null, { status: out.status, headers: out.headers });
  if (typeof out.body === "string")
    return new Response(out.body, { status: out.status, headers: out.headers });
  return Response.json(out.body, { status: out.status, headers: out.headers });
}
