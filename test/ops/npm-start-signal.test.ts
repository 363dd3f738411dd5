import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";

it("SIGTERM to `npm start` drains (readiness 503 first, liveness 200) and exits 0", {
  timeout: 120_000,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), "baton-signal-"));
  const child = spawn("npm", ["start", "--silent"], {
    env: {
      ...process.env,
      PGLITE_DIR: join(dir, "db"),
      PORT: "0",
      DATABASE_URL: "",
      LOG_LEVEL: "info",
      SHUTDOWN_DELAY_SECONDS: "3",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk) => {
        out += String(chunk);
        const m = /"port":(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once("exit", (code) => reject(new Error(`exited early: ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const signalled = Date.now();
    child.kill("SIGTERM");
    // During SHUTDOWN_DELAY_SECONDS the server still answers, and tells the load balancer to go.
    await expect.poll(async () => (await fetch(`${base}/readyz`)).status, { timeout: 2500 }).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(3000);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  }
});
