import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { REGISTRY } from "../../../bot/core/entries.js";
import { CAPTURE_MESSAGE_ACTION } from "../../../bot/teams/bot.js";
import { buildTeamsPackage, teamsCommands } from "../../../bot/teams/package.js";

describe("npm run teams:package", () => {
  it("zips the manifest with the bot's app id and both icons at the root", async () => {
    const appId = "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f";
    const files = unzipSync(
      await buildTeamsPackage({
        appId,
        websiteUrl: "https://consultancy.example.com/",
        publicUrl: "https://baton.example.com/",
      }),
    );
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]));
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0].botId).toBe(appId);
    expect(manifest.developer.websiteUrl).toBe("https://consultancy.example.com");
    // Pages Baton itself serves (GET /privacy, /terms), not the publisher's site.
    expect(manifest.developer.privacyUrl).toBe("https://baton.example.com/privacy");
    expect(manifest.developer.termsOfUseUrl).toBe("https://baton.example.com/terms");
    expect(JSON.stringify(manifest)).not.toContain("{{");
    // PNG signatures; Teams wants 192×192 colour and 32×32 outline icons.
    for (const [name, size] of [
      ["color.png", 192],
      ["outline.png", 32],
    ] as const) {
      const png = files[name] as Uint8Array;
      expect([...png.slice(0, 4)]).toEqual([137, 80, 78, 71]);
      const view = new DataView(png.buffer, png.byteOffset);
      expect([view.getUint32(16), view.getUint32(20)]).toEqual([size, size]);
    }
  });

  it("lists every registered command within Teams' limits, and the message action the bot answers", async () => {
    const files = unzipSync(
      await buildTeamsPackage({
        appId: "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f",
        publicUrl: "https://baton.example.com",
      }),
    );
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]));
    const commands = manifest.bots[0].commandLists[0].commands as { title: string; description: string }[];
    expect(commands.length).toBeLessThanOrEqual(10);
    for (const c of commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
    const titles = commands.map((c) => c.title);
    for (const command of REGISTRY.commands) expect(titles).toContain(`${command.name} help`);
    // The everyday agenda entries fill what the registry leaves free, so the list is full.
    expect(commands).toHaveLength(10);
    expect(titles.slice(0, 10 - REGISTRY.commands.length)).toEqual(
      ["agenda start", "agenda next", "agenda status", "agenda review"].slice(
        0,
        10 - REGISTRY.commands.length,
      ),
    );
    for (const word of ["poll", "capture", "feedback", "plan", "report"])
      expect(manifest.description.full).toContain(word);
    expect(manifest.composeExtensions[0]).toMatchObject({
      botId: "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f",
      commands: [{ id: CAPTURE_MESSAGE_ACTION, type: "action", context: ["message"], fetchTask: true }],
    });
  });

  it("lets the everyday agenda entries give way, last first, so every registered command fits", () => {
    const some = (n: number) => ({ ...REGISTRY, commands: REGISTRY.commands.slice(0, n) });
    expect(teamsCommands(some(5)).map((c) => c.title)).toEqual([
      "agenda start",
      "agenda next",
      "agenda status",
      "agenda review",
      ...REGISTRY.commands.slice(0, 5).map((c) => `${c.name} help`),
    ]);
    expect(teamsCommands(some(8)).map((c) => c.title)).toEqual([
      "agenda start",
      "agenda next",
      ...REGISTRY.commands.slice(0, 8).map((c) => `${c.name} help`),
    ]);
    const eleven = { ...REGISTRY, commands: [...REGISTRY.commands, ...REGISTRY.commands].slice(0, 11) };
    expect(() => teamsCommands(eleven)).toThrow(/at most 10 commands; the registry has 11/);
  });

  it("needs Baton's public https address for the privacy and terms links", async () => {
    await expect(buildTeamsPackage({ appId: "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f" })).rejects.toThrow(
      /PUBLIC_URL must be the https:\/\/ address where Baton is reachable/,
    );
  });

  it("refuses an app id that is not a GUID", async () => {
    await expect(buildTeamsPackage({ appId: "" })).rejects.toThrow(
      /MICROSOFT_APP_ID must be the bot's Azure app id/,
    );
  });
});
