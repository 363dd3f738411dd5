import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";

/**
 * `npm run teams:package`: the Teams app package to sideload or upload — manifest.json (with your bot's
 * app id) and the two icons, zipped at the root. MICROSOFT_APP_ID is required; DEVELOPER_NAME and
 * WEBSITE_URL fill the publisher fields.
 */
const here = dirname(fileURLToPath(import.meta.url));
const manifestDir = join(here, "manifest");
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function buildTeamsPackage(opts: {
  appId: string;
  developerName?: string;
  websiteUrl?: string;
}): Promise<Uint8Array> {
  if (!GUID.test(opts.appId))
    throw new Error(`MICROSOFT_APP_ID must be the bot's Azure app id (a GUID); got "${opts.appId}".`);
  const website = (opts.websiteUrl ?? "https://example.com").replace(/\/$/, "");
  if (!/^https:\/\//.test(website))
    throw new Error("WEBSITE_URL must be an https:// URL (Teams requires it).");
  const template = await readFile(join(manifestDir, "manifest.json"), "utf8");
  const manifest = template
    .replaceAll("{{MICROSOFT_APP_ID}}", opts.appId)
    .replaceAll("{{DEVELOPER_NAME}}", opts.developerName ?? "Baton")
    .replaceAll("{{WEBSITE_URL}}", website);
  JSON.parse(manifest);
  return zipSync({
    "manifest.json": new TextEncoder().encode(manifest),
    "color.png": new Uint8Array(await readFile(join(manifestDir, "color.png"))),
    "outline.png": new Uint8Array(await readFile(join(manifestDir, "outline.png"))),
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? "dist/teams/baton-teams.zip";
  try {
    const zip = await buildTeamsPackage({
      appId: process.env.MICROSOFT_APP_ID ?? "",
      ...(process.env.DEVELOPER_NAME ? { developerName: process.env.DEVELOPER_NAME } : {}),
      ...(process.env.WEBSITE_URL ? { websiteUrl: process.env.WEBSITE_URL } : {}),
    });
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, zip);
    console.log(
      `Teams app package: ${out} (${zip.length} bytes). Upload it in Teams → Apps → Manage your apps → Upload an app.`,
    );
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
