import { loadConfig } from "./api/config.js";
import { startNodeServer } from "./api/node-server.js";

// `npm start`: the API (and, once configured, the chat bots) in one Node process.
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

const server = await startNodeServer({ config });

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: shutting down`);
    await server.close();
    process.exit(0);
  });
}
