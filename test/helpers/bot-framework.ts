import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import {
  PasswordServiceClientCredentialFactory,
  type ServiceClientCredentialsFactory,
} from "botframework-connector";

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

/** An RS256 JWT signed with `key`, as the Bot Framework channel would send it. */
export function signJwt(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
  const body = b64url(JSON.stringify(payload));
  const signature = createSign("RSA-SHA256").update(`${head}.${body}`).sign(key);
  return `${head}.${body}.${b64url(signature)}`;
}

export function rsaKeys() {
  return generateKeyPairSync("rsa", { modulusLength: 2048 });
}

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

type Credentials = Awaited<ReturnType<ServiceClientCredentialsFactory["createCredentials"]>>;

/**
 * The bot's outbound calls signed with a fixed token, instead of one from Microsoft Entra ID (which a
 * test cannot reach). Inbound tokens are still checked against `appId` as in production.
 */
export class StubCredentialsFactory extends PasswordServiceClientCredentialFactory {
  constructor(
    appId: string,
    readonly token = "stub-outbound-token",
  ) {
    super(appId, "unused");
  }

  override async createCredentials(): Promise<Credentials> {
    return {
      signRequest: async (request) => {
        request.headers.set("Authorization", `Bearer ${this.token}`);
        return request;
      },
    };
  }
}

/** A member as the Bot Connector lists them: `id` is the MRI. */
export interface StubMember {
  id: string;
  name: string;
  aadObjectId: string;
}

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  body: Record<string, unknown>;
  at: number;
}

/**
 * A local stand-in for the Bot Framework: its OpenID metadata and signing keys (for inbound JWTs) and
 * the Bot Connector REST API (for what the bot sends), recording each send and update. `refuse` makes
 * the next sends answer with a status (e.g. 429 with Retry-After). `setMembers` gives a conversation
 * its roster, served by `GET …/pagedmembers` `pageSize` members at a time; each such read is recorded in
 * `rosterReads`.
 */
export async function startBotFramework(publicKey: KeyObject, kid = "test-key") {
  const calls: ConnectorCall[] = [];
  const rosters = new Map<string, StubMember[]>();
  const rosterReads: { conversationId: string; continuationToken: string | null; authorization: string }[] =
    [];
  let pageSize = 2;
  const refusals: { status: number; retryAfter?: string }[] = [];
  let nextId = 1;
  const jwk = publicKey.export({ format: "jwk" }) as { n: string; e: string; kty: string };
  const server = createServer(async (req, res) => {
    const url = req.url ?? "";
    res.setHeader("Content-Type", "application/json");
    if (url === "/openid") {
      res.end(JSON.stringify({ issuer: "https://api.botframework.com", jwks_uri: `${base}/keys` }));
      return;
    }
    if (url === "/keys") {
      res.end(JSON.stringify({ keys: [{ ...jwk, kid, use: "sig", endorsements: ["msteams"] }] }));
      return;
    }
    const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers(?:\?(.*))?$/.exec(url);
    if (paged && req.method === "GET") {
      const conversationId = decodeURIComponent(paged[1] ?? "");
      const query = new URLSearchParams(paged[2] ?? "");
      const from = Number(query.get("continuationToken") ?? "0");
      const members = rosters.get(conversationId) ?? [];
      rosterReads.push({
        conversationId,
        continuationToken: query.get("continuationToken"),
        authorization: req.headers.authorization ?? "",
      });
      const next = from + pageSize;
      res.end(
        JSON.stringify({
          members: members.slice(from, next),
          ...(next < members.length ? { continuationToken: String(next) } : {}),
        }),
      );
      return;
    }
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?/.exec(url);
    if (m && req.method === "PUT") {
      const body = JSON.parse((await read(req)) || "{}") as Record<string, unknown>;
      calls.push({
        method: "PUT",
        path: url,
        conversationId: decodeURIComponent(m[1] ?? ""),
        body,
        at: Date.now(),
      });
      res.end(JSON.stringify({ id: decodeURIComponent(m[2] ?? "") }));
      return;
    }
    if (m && req.method === "POST") {
      const body = JSON.parse((await read(req)) || "{}") as Record<string, unknown>;
      const refusal = refusals.shift();
      if (refusal) {
        res.statusCode = refusal.status;
        if (refusal.retryAfter) res.setHeader("Retry-After", refusal.retryAfter);
        res.end(JSON.stringify({ error: { code: "Throttled", message: "slow down" } }));
        return;
      }
      calls.push({
        method: req.method,
        path: url,
        conversationId: decodeURIComponent(m[1] ?? ""),
        body,
        at: Date.now(),
      });
      res.end(JSON.stringify({ id: `act-${nextId++}` }));
      return;
    }
    res.statusCode = 404;
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    serviceUrl: `${base}/`,
    openIdMetadataUrl: `${base}/openid`,
    calls,
    rosterReads,
    setMembers: (conversationId: string, members: StubMember[], perPage = 2) => {
      rosters.set(conversationId, members);
      pageSize = perPage;
    },
    refuse: (status: number, times = 1, retryAfter?: string) => {
      for (let i = 0; i < times; i++) refusals.push({ status, ...(retryAfter ? { retryAfter } : {}) });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
