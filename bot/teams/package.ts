import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";
import { REGISTRY } from "../core/entries.js";
import type { Registry } from "../core/registry.js";
import { CAPTURE_MESSAGE_ACTION } from "./bot.js";

/**
 * `npm run teams:package`: the Teams app package to sideload or upload — manifest.json (with your bot's
 * app id) and the two icons, zipped at the root. MICROSOFT_APP_ID is required; DEVELOPER_NAME and
 * WEBSITE_URL fill the publisher fields; PUBLIC_URL (where Baton is reachable) is where the manifest's
 * privacy and terms links point, at the pages Baton serves (`/privacy`, `/terms`). The bot's command
 * list comes from the chat registry, so a new command appears in Teams' suggestions by itself.
 */
const here = dirname(fileURLToPath(import.meta.url));
const manifestDir = join(here, "manifest");
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Teams' limits on a bot's command list: 10 commands, titles of 32 and descriptions of 128 characters. */
const MAX_COMMANDS = 10;
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The commands Teams suggests after @Baton: the agenda's everyday ones, then every registered command.
 * Every registered command is listed; the everyday entries give way, last first, when they do not fit.
 */
export function teamsCommands(registry: Registry = REGISTRY): { title: string; description: string }[] {
  const everyday = [
    { title: "agenda start", description: "Start the workshop agenda in this conversation" },
    { title: "agenda next", description: "Finish the current session and start the next" },
    { title: "agenda status", description: "What runs now, time left, the outputs still to produce" },
    {
      title: "agenda review",
      description: "Review the open assumptions and risks: validate, invalidate or defer",
    },
  ];
  const registered = registry.commands.map((c) => ({
    title: clip(`${c.name} help`, 32),
    description: clip(c.summary[0]?.toUpperCase() + c.summary.slice(1), 128),
  }));
  if (registered.length > MAX_COMMANDS)
    throw new Error(`Teams lists at most ${MAX_COMMANDS} commands; the registry has ${registered.length}.`);
  return [...everyday.slice(0, MAX_COMMANDS - registered.length), ...registered];
}

export async function buildTeamsPackage(opts: {
  appId: string;
  developerName?: string;
  websiteUrl?: string;
  /** Where Baton is reachable (PUBLIC_URL): it serves the manifest's /privacy and /terms pages. */
  publicUrl?: string;
}): Promise<Uint8Array> {
  if (!GUID.test(opts.appId))
    throw new Error(`MICROSOFT_APP_ID must be the bot's Azure app id (a GUID); got "${opts.appId}".`);
  const baton = opts.publicUrl?.replace(/\/$/, "");
  if (!baton || !/^https:\/\//.test(baton))
    throw new Error(
      "PUBLIC_URL must be the https:// address where Baton is reachable (Teams links its /privacy and /terms pages).",
    );
  const website = (opts.websiteUrl ?? baton).replace(/\/$/, "");
  if (!/^https:\/\//.test(website))
    throw new Error("WEBSITE_URL must be an https:// URL (Teams requires it).");
  const template = await readFile(join(manifestDir, "manifest.json"), "utf8");
  const filled = template
    .replaceAll("{{MICROSOFT_APP_ID}}", opts.appId)
    .replaceAll("{{DEVELOPER_NAME}}", opts.developerName ?? "Baton")
    .replaceAll("{{WEBSITE_URL}}", website)
    .replaceAll("{{PUBLIC_URL}}", baton);
  const parsed = JSON.parse(filled) as {
    bots: { commandLists: { commands: unknown[] }[] }[];
    composeExtensions: { commands: { id: string }[] }[];
  };
  for (const list of parsed.bots[0]?.commandLists ?? []) list.commands = teamsCommands();
  if (parsed.composeExtensions[0]?.commands[0]?.id !== CAPTURE_MESSAGE_ACTION)
    throw new Error("the manifest's message action must be the bot's capture action");
  const manifest = `${JSON.stringify(parsed, null, 2)}\n`;
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
      ...(process.env.PUBLIC_URL ? { publicUrl: process.env.PUBLIC_URL } : {}),
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
