import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { buildTeamsPackage } from "../../../bot/teams/package.js";

describe("npm run teams:package", () => {
  it("zips the manifest with the bot's app id and both icons at the root", async () => {
    const appId = "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f";
    const files = unzipSync(await buildTeamsPackage({ appId, websiteUrl: "https://baton.example.com/" }));
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]));
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0].botId).toBe(appId);
    expect(manifest.developer.privacyUrl).toBe("https://baton.example.com/privacy");
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

  it("refuses an app id that is not a GUID", async () => {
    await expect(buildTeamsPackage({ appId: "" })).rejects.toThrow(
      /MICROSOFT_APP_ID must be the bot's Azure app id/,
    );
  });
});
