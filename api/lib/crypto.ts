/** Web Crypto only, so the same code runs on Node and Workers. */

export async function sha256Hex(input: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(input));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A new API token: `baton_` and 32 random bytes, base64url. */
export function generateToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const b64 = btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
  return `baton_${b64}`;
}

/** The part of a token safe to show again later (list views, logs). */
export function tokenPrefix(token: string): string {
  return token.slice(0, 12);
}
