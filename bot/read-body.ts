/**
 * A request body read with a size limit checked while it streams in: a declared `Content-Length`
 * over the limit is refused before reading a byte, an undeclared (chunked) body as soon as the bytes
 * received pass it, and the rest is never buffered. For the bots' webhook routes, which sit in front
 * of the API's own limits.
 */
export const DEFAULT_BOT_BODY_LIMIT_BYTES = 1024 * 1024;

export type LimitedBody = { ok: true; bytes: Uint8Array } | { ok: false; receivedBytes: number };

export async function readLimitedBody(request: Request, maxBytes: number): Promise<LimitedBody> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, receivedBytes: 0 };
  }
  // A declared length within the limit: the HTTP parser delivers no more than it, so the body is read
  // whole, without a web stream (Node's adapter then reads it straight from the request). Reading every
  // Slack click through a stream reader cost the click path a third of its throughput (bench/RESULTS.md,
  // 2026-12-07). The length is checked again all the same.
  if (declared !== null && /^\d+$/.test(declared)) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    return bytes.byteLength > maxBytes ? { ok: false, receivedBytes: bytes.byteLength } : { ok: true, bytes };
  }
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, receivedBytes: total };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}

export function tooLargeResponse(maxBytes: number): Response {
  return Response.json(
    { error: `the body is larger than ${maxBytes} bytes` },
    { status: 413, headers: { Connection: "close" } },
  );
}
