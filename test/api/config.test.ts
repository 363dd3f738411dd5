import { describe, expect, it } from "vitest";
import { loadConfig, ownAddress } from "../../api/config.js";

describe("configuration", () => {
  it("defaults to an embedded database, port 3000 and no bots", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, PGLITE_DIR: "./.data/pglite", LOG_LEVEL: "info" });
    expect(config.DATABASE_URL ?? config.SLACK_BOT_TOKEN ?? config.MICROSOFT_APP_ID).toBeUndefined();
  });

  it.each([
    [
      { TEAMS_ALLOW_ANONYMOUS: "1", NODE_ENV: "production" },
      /TEAMS_ALLOW_ANONYMOUS: refused with NODE_ENV=production/,
    ],
    [
      { TEAMS_ALLOW_ANONYMOUS: "1", MICROSOFT_APP_ID: "a", MICROSOFT_APP_PASSWORD: "p" },
      /TEAMS_ALLOW_ANONYMOUS: choose one/,
    ],
    [{ MICROSOFT_APP_ID: "a" }, /MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID/],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, /SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN/],
    [{ SLACK_SIGNING_SECRET: "s" }, /SLACK_BOT_TOKEN: required to run the Slack bot/],
    [{ API_URL: "https://baton.example.com" }, /API_TOKEN: required with API_URL/],
    [{ PORT: "http" }, /PORT/],
    [{ PUBLIC_URL: "baton.example.com" }, /PUBLIC_URL: must be an http\(s\) URL/],
    [{ PUBLIC_URL: "ftp://baton.example.com" }, /PUBLIC_URL: must be an http\(s\) URL/],
  ])("refuses %j, naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("takes PUBLIC_URL for the links the API hands out", () => {
    expect(loadConfig({ PUBLIC_URL: "https://baton.example.com/api" }).PUBLIC_URL).toBe(
      "https://baton.example.com/api",
    );
    expect(loadConfig({ PUBLIC_URL: "" }).PUBLIC_URL).toBeUndefined();
  });

  it("accepts the Emulator mode outside production, and a managed identity without a password", () => {
    expect(loadConfig({ TEAMS_ALLOW_ANONYMOUS: "1" }).TEAMS_ALLOW_ANONYMOUS).toBe("1");
    expect(
      loadConfig({ MICROSOFT_APP_ID: "a", MICROSOFT_APP_TYPE: "UserAssignedMSI" }).MICROSOFT_APP_ID,
    ).toBe("a");
  });
});

describe("where people reach this process (links made from chat in-process)", () => {
  it("is PUBLIC_URL when set, else localhost on PORT", () => {
    expect(ownAddress(loadConfig({}))).toBe("http://localhost:3000");
    expect(ownAddress(loadConfig({ PORT: "8080" }))).toBe("http://localhost:8080");
    expect(ownAddress(loadConfig({ PUBLIC_URL: "https://baton.example.com" }))).toBe(
      "https://baton.example.com",
    );
  });
});
