import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REGISTRY } from "../../../bot/core/entries.js";
import { CAPTURE_SHORTCUT } from "../../../bot/slack/listeners/shortcuts.js";

const manifest = readFileSync("bot/slack/manifest.yml", "utf8");

describe("the Slack app manifest", () => {
  it("declares every slash command the chat registry answers, and no other", () => {
    const declared = [...manifest.matchAll(/^\s*- command: \/([a-z-]+)\s*$/gm)].map((m) => m[1]);
    expect(declared.sort()).toEqual(REGISTRY.commands.map((c) => c.name).sort());
  });

  it("declares the Capture as line item message shortcut", () => {
    expect(manifest).toContain(`callback_id: ${CAPTURE_SHORTCUT}`);
  });
});
