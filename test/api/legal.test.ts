import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { createLogger } from "../../api/logger.js";
import { createTestDatabase } from "../helpers/db.js";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

describe("GET /privacy and /terms (the Teams manifest links them)", () => {
  it("serves both pages without a token, naming the operator as text", async () => {
    const app = createApp({
      database,
      logger: createLogger("silent"),
      operator: { name: "Acme <Consulting>", contact: "privacy@acme.example" },
    });
    const privacy = await app.request("/privacy");
    expect(privacy.status).toBe(200);
    expect(privacy.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await privacy.text();
    expect(html).toContain("operated by Acme &lt;Consulting&gt; (contact: privacy@acme.example)");
    expect(html).toMatch(/export everything Baton holds about you, or to erase it/);
    const terms = await app.request("/terms");
    expect(terms.status).toBe(200);
    expect(await terms.text()).toContain('<a href="/privacy">privacy notice</a>');
  });

  it("says who operates it in general words when OPERATOR_NAME is unset", async () => {
    const app = createApp({ database, logger: createLogger("silent") });
    expect(await (await app.request("/privacy")).text()).toContain(
      "operated by the organisation that runs this Baton deployment",
    );
  });
});
