/**
 * GitHub webhook signatures (`X-Hub-Signature-256: sha256=<hex HMAC of the raw body>`), with Web
 * Crypto so the same code runs on Node and Workers. `crypto.subtle.verify` compares in constant time.
 */

const encoder = new TextEncoder();

function hmacKey(secret: string, usage: "sign" | "verify") {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    usage,
  ]);
}

/** True when `header` is the HMAC-SHA256 of exactly these body bytes under `secret`. */
export async function verifyGithubSignature(
  secret: string,
  body: Uint8Array,
  header: string | undefined,
): Promise<boolean> {
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(header?.trim() ?? "");
  if (!m?.[1]) return false;
  const mac = new Uint8Array(32);
  for (let i = 0; i < 32; i++) mac[i] = Number.parseInt(m[1].slice(i * 2, i * 2 + 2), 16);
  return crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), mac, body);
}

/** The header GitHub would send for this body: for tests and for checking a set-up by hand. */
export async function signGithubPayload(secret: string, body: string | Uint8Array): Promise<string> {
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), bytes));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
