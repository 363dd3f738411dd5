import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  /** Web API method (`chat.postMessage`) or `response_url` for replies to a command or click. */
  method: string;
  body: Record<string, unknown>;
  at: number;
  /** chat.postMessage: the ts the recorder answered with. */
  ts?: string;
}

function parse(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return JSON.parse(raw || "{}") as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // Slack timestamps ("1700000001.000100") stay strings, as Slack means them.
    if (/^\d+\.\d+$/.test(v)) {
      out[k] = v;
      continue;
    }
    try {
      out[k] = JSON.parse(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** One page of a history read, as Slack pages them: `limit` messages from `cursor` on, and the next cursor. */
function paged<T>(list: T[], body: Record<string, unknown>) {
  const start = Number(body.cursor ?? 0) || 0;
  const limit = Number(body.limit ?? 100) || 100;
  const next = start + limit < list.length ? String(start + limit) : "";
  return {
    messages: list.slice(start, start + limit),
    has_more: next !== "",
    response_metadata: { next_cursor: next },
  };
}

/**
 * A stand-in for Slack's Web API and response URLs on a loopback port: records every call and
 * answers like Slack (`ok: true`, a fresh `ts` per message). Point SLACK_API_URL at `apiUrl`.
 */
export async function startSlackRecorder() {
  const calls: RecordedCall[] = [];
  const messages: { channel: unknown; ts: string; thread_ts?: unknown; text: unknown; metadata?: unknown }[] =
    [];
  let ts = 1700000000;
  let failNext = 0;
  /** Without `channels:history`: conversations.history and .replies answer `missing_scope`. */
  let historyReadable = true;
  /** conversations.members by channel, and users.info display names by user. */
  const members = new Map<string, string[]>();
  const people = new Map<string, string>();
  /** Answers to response URLs by their id, and who waits for one. */
  const answered = new Set<string>();
  const waiting = new Map<string, () => void>();
  const server = createServer(async (req, res) => {
    const body = parse(await read(req), req.headers["content-type"] ?? "");
    const url = req.url ?? "";
    const method = url.startsWith("/api/") ? (url.slice(5).split("?")[0] ?? "") : "response_url";
    const call: RecordedCall = { method, body, at: Date.now() };
    calls.push(call);
    if (method === "response_url") {
      const id = url.slice("/response/".length);
      answered.add(id);
      waiting.get(id)?.();
      waiting.delete(id);
    }
    res.setHeader("Content-Type", "application/json");
    if (failNext > 0 && method === "chat.postMessage") {
      failNext--;
      res.statusCode = 500;
      res.end(JSON.stringify({ ok: false, error: "internal_error" }));
      return;
    }
    if (method === "auth.test") {
      res.end(JSON.stringify({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", user: "baton" }));
    } else if (method === "chat.postMessage") {
      ts += 1;
      call.ts = `${ts}.000100`;
      messages.push({
        channel: body.channel,
        ts: `${ts}.000100`,
        thread_ts: body.thread_ts,
        text: body.text,
        metadata: body.metadata,
      });
      res.end(
        JSON.stringify({ ok: true, channel: body.channel, ts: `${ts}.000100`, message: { text: body.text } }),
      );
    } else if (method === "users.info") {
      const id = String(body.user);
      res.end(
        JSON.stringify({
          ok: true,
          user: {
            id,
            tz: "Europe/London",
            name: id.toLowerCase(),
            real_name: people.get(id) ?? id,
            profile: { display_name: people.get(id) ?? "" },
            is_bot: id === "UBOT",
          },
        }),
      );
    } else if (method === "conversations.members") {
      res.end(JSON.stringify({ ok: true, members: members.get(String(body.channel)) ?? [] }));
    } else if (method === "chat.getPermalink") {
      res.end(
        JSON.stringify({
          ok: true,
          channel: body.channel,
          permalink: `https://acme.slack.com/archives/${body.channel}/p${String(body.message_ts).replace(".", "")}`,
        }),
      );
    } else if (
      !historyReadable &&
      (method === "conversations.history" || method === "conversations.replies")
    ) {
      res.end(JSON.stringify({ ok: false, error: "missing_scope", needed: "channels:history" }));
    } else if (method === "conversations.history") {
      // Newest first, `limit` a page (Slack's default 100), `cursor` for the next page.
      const found = messages.filter((m) => m.channel === body.channel && !m.thread_ts).reverse();
      res.end(JSON.stringify({ ok: true, ...paged(found, body) }));
    } else if (method === "conversations.replies") {
      // The parent, then its replies oldest first, paged like history.
      const found = messages.filter(
        (m) => m.channel === body.channel && (m.thread_ts === body.ts || m.ts === body.ts),
      );
      res.end(JSON.stringify({ ok: true, ...paged(found, body) }));
    } else {
      res.end(JSON.stringify({ ok: true }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id = "1") => `${base}/response/${id}`,
    calls,
    members,
    people,
    /** Resolves when the response URL `responseUrl(id)` has been answered. */
    answeredOn(id: string): Promise<void> {
      if (answered.has(id)) return Promise.resolve();
      return new Promise<void>((resolve) => waiting.set(id, resolve));
    },
    of: (method: string) => calls.filter((c) => c.method === method),
    failNextPosts: (n: number) => (failNext = n),
    /** As an app installed without `channels:history`: history reads answer `missing_scope`. */
    setHistoryReadable: (readable: boolean) => (historyReadable = readable),
    /** Waits until `predicate` holds over the recorded calls (replies arrive after the ack). */
    async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > until)
          throw new Error(`recorder: condition not met; calls: ${calls.map((c) => c.method).join(", ")}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SlackRecorder = Awaited<ReturnType<typeof startSlackRecorder>>;

/** Headers Slack would send: v0 signature over `v0:<timestamp>:<body>`. */
export function signSlack(
  body: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "X-Slack-Signature": signature, "X-Slack-Request-Timestamp": String(timestamp) };
}

/**
 * Posts `body` to the Slack bot's HTTP handler, signed as Slack signs it (form-encoded unless told
 * otherwise; `headers` are added last, to override or spoil the signature).
 */
export async function sendSigned(
  slack: { handle?: ((request: Request) => Promise<Response>) | undefined },
  secret: string,
  body: string,
  headers: Record<string, string> = {},
  contentType = "application/x-www-form-urlencoded",
): Promise<{ status: number; text: string }> {
  const res = await slack.handle?.(
    new Request("http://baton.test/slack/events", {
      method: "POST",
      headers: { "Content-Type": contentType, ...signSlack(body, secret), ...headers },
      body,
    }),
  );
  if (!res) throw new Error("no HTTP handler");
  return { status: res.status, text: await res.text() };
}

/** A slash command's form body. */
export function commandBody(fields: Record<string, string>): string {
  return new URLSearchParams({
    token: "legacy",
    team_id: "T1",
    team_domain: "acme",
    channel_id: "C1",
    channel_name: "eda-workshop",
    user_id: "UFAC",
    user_name: "fran",
    command: "/agenda",
    text: "",
    api_app_id: "A1",
    trigger_id: `trig-${Math.random().toString(36).slice(2)}`,
    ...fields,
  }).toString();
}

/** `payload=<JSON>`, form-encoded (encodeURIComponent: cheaper than URLSearchParams for the benchmarks). */
function formPayload(payload: unknown): string {
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** A view_submission payload for a modal sent back, form-encoded as Slack sends it. */
export function viewSubmissionBody(opts: {
  callbackId: string;
  values: Record<string, { value?: string; selected?: string }>;
  privateMetadata?: string;
  userId?: string;
  viewId?: string;
}): string {
  const values = Object.fromEntries(
    Object.entries(opts.values).map(([blockId, v]) => [
      blockId,
      {
        value:
          v.selected !== undefined
            ? {
                type: "static_select",
                selected_option: v.selected
                  ? { text: { type: "plain_text", text: v.selected }, value: v.selected }
                  : null,
              }
            : { type: "plain_text_input", value: v.value ?? null },
      },
    ]),
  );
  const payload = {
    type: "view_submission",
    team: { id: "T1", domain: "acme" },
    user: { id: opts.userId ?? "UFAC", username: "fran", name: "fran", team_id: "T1" },
    api_app_id: "A1",
    token: "legacy",
    trigger_id: `trig-${Math.random().toString(36).slice(2)}`,
    view: {
      id: opts.viewId ?? `V${Math.random().toString(36).slice(2, 10)}`,
      type: "modal",
      callback_id: opts.callbackId,
      private_metadata: opts.privateMetadata ?? "",
      hash: "1700000000.abc",
      blocks: Object.keys(opts.values).map((id) => ({ type: "input", block_id: id })),
      state: { values },
    },
  };
  return formPayload(payload);
}

/** A message shortcut (⋯ on a message), form-encoded as Slack sends it. */
export function messageShortcutBody(opts: {
  callbackId: string;
  text: string;
  messageTs: string;
  author?: string;
  userId?: string;
  channelId?: string;
  responseUrl: string;
}): string {
  const payload = {
    type: "message_action",
    callback_id: opts.callbackId,
    team: { id: "T1", domain: "acme" },
    user: { id: opts.userId ?? "USTAKE", name: "sam", username: "sam", team_id: "T1" },
    channel: { id: opts.channelId ?? "C1", name: "eda-workshop" },
    message: { type: "message", user: opts.author ?? "UOTHER", ts: opts.messageTs, text: opts.text },
    message_ts: opts.messageTs,
    response_url: opts.responseUrl,
    trigger_id: `trig-${Math.random().toString(36).slice(2)}`,
    action_ts: `${Date.now() / 1000}`,
    token: "legacy",
  };
  return formPayload(payload);
}

/** A block_actions payload for a button click, form-encoded as Slack sends it. */
export function buttonBody(opts: {
  actionId: string;
  userId?: string;
  channelId?: string;
  responseUrl: string;
  actionTs?: string;
  userName?: string;
  messageTs?: string;
}): string {
  const name = opts.userName ?? "fran";
  const payload = {
    type: "block_actions",
    team: { id: "T1", domain: "acme" },
    user: { id: opts.userId ?? "UFAC", username: name, name, team_id: "T1" },
    api_app_id: "A1",
    token: "legacy",
    container: {
      type: "message",
      message_ts: opts.messageTs ?? "1700000001.000100",
      channel_id: opts.channelId ?? "C1",
      is_ephemeral: false,
    },
    trigger_id: `trig-${Math.random().toString(36).slice(2)}`,
    channel: { id: opts.channelId ?? "C1", name: "eda-workshop" },
    response_url: opts.responseUrl,
    actions: [
      {
        type: "button",
        action_id: opts.actionId,
        block_id: "b1",
        text: { type: "plain_text", text: "Next" },
        value: opts.actionId,
        action_ts: opts.actionTs ?? `${Date.now() / 1000}`,
      },
    ],
  };
  return formPayload(payload);
}
