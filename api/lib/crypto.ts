/** Web Crypto only, so the same code runs on Node and Workers. */

export async function sha256Hex(input: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(input));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** 32 random bytes, base64url without padding: 43 characters of `A–Z a–z 0–9 - _`. */
export function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** A new API token: `baton_` and 32 random bytes, base64url. */
export function generateToken(): string {
  return `baton_${randomSecret()}`;
}

/** The part of a token safe to show again later (list views, logs). */
export function tokenPrefix(token: string): string {
  return token.slice(0, 12);
}
