import { access, constants } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { createDb } from "../../db/index.js";
import { createApp } from "../app.js";
import { loadConfig } from "../config.js";
import { awaitHolder, heldMessage, writeHolder } from "../lib/local-holder.js";
import { createLogger } from "../logger.js";
import { systemContext } from "../services/context.js";
import { createToken, revokeToken } from "../services/tokens.js";
import { describeSummary, importDoraCsv, type Send } from "./import-dora-csv.js";

const KINDS = ["changes", "deployments", "incidents"] as const;
type Kind = (typeof KINDS)[number];

export const USAGE = `Usage: npm run dora:import -- <changes|deployments|incidents> <file.csv>

Columns (header row, any order; empty cells mean "not given"):
  changes      id, committedAt, service
  deployments  id, deployedAt, service, environment, status, changeIds (separated by ; or spaces)
  incidents    id, createdAt, service, resolvedAt, rootCauseChangeId

Sends through the API in-process on DATABASE_URL (or the embedded database), or over HTTP to
API_URL with API_TOKEN (a token with the ingest role) when both are set. Every row is checked first;
if any is bad, the rejected rows are listed with their line numbers and nothing is sent.`;

export interface CliIo {
  out: (line: string) => void;
  err: { write(text: string): unknown; isTTY?: boolean | undefined };
}

/** Sends batches over HTTP to a running API. */
function httpSender(apiUrl: string, token: string): Send {
  return async (kind, items) => {
    const res = await fetch(new URL(`/v1/dora/${kind}`, apiUrl), {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ items }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
}

/** `npm run dora:import`; returns the exit code (0 done, 1 rows rejected or a batch refused, 2 usage). */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const [kind, file, ...rest] = argv;
  if (!kind || !file || rest.length || !KINDS.includes(kind as Kind)) {
    io.out(USAGE);
    return 2;
  }
  const k = kind as Kind;
  if (Boolean(env.API_URL) !== Boolean(env.API_TOKEN)) {
    io.out("Set both API_URL and API_TOKEN to import over HTTP, or neither to import in-process.");
    return 2;
  }
  try {
    await access(file, constants.R_OK);
  } catch {
    io.out(`${file}: no such file, or it cannot be read. Give the path of a CSV file.`);
    return 2;
  }
  let send: Send | undefined;
  let close = async () => {};
  if (env.API_URL && env.API_TOKEN) {
    if (!URL.canParse(env.API_URL)) {
      io.out("API_URL: not a URL");
      return 2;
    }
    send = httpSender(env.API_URL, env.API_TOKEN);
  } else {
    const config = loadConfig(env);
    const holder = config.DATABASE_URL ? null : await awaitHolder(config.PGLITE_DIR);
    if (holder?.kind === "server" && holder.url && holder.importToken) {
      // A running `npm start` holds the embedded database: send through its API, with the token it left.
      io.out(`Sending to the Baton server at ${holder.url}.`);
      send = httpSender(holder.url, holder.importToken);
    } else if (holder) {
      io.out(heldMessage(config.PGLITE_DIR, holder, "the import"));
      return 1;
    }
  }
  if (!send) {
    // In-process: the real app on the configured database, with a short-lived ingest token.
    const config = loadConfig(env);
    const database = await createDb({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
    await database.migrate();
    const release = config.DATABASE_URL
      ? async () => {}
      : await writeHolder(config.PGLITE_DIR, { kind: "import" });
    const app = createApp({ database, logger: createLogger("silent") });
    const now = () => new Date();
    const token = await createToken(systemContext(database, now()), {
      name: `dora-import-${Date.now()}`,
      role: "ingest",
    });
    send = async (kindToSend, items) => {
      const res = await app.request(`/v1/dora/${kindToSend}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ items }),
      });
      return { status: res.status, body: await res.json() };
    };
    close = async () => {
      await revokeToken(systemContext(database, now()), token.id);
      await release();
      await database.close();
    };
  }
  try {
    const summary = await importDoraCsv({ kind: k, file, send, progress: io.err });
    for (const line of describeSummary(k, summary)) io.out(line);
    return summary.rejected.length || summary.failure || summary.rows === 0 ? 1 : 0;
  } finally {
    await close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), process.env, { out: (line) => console.log(line), err: process.stderr })
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
