import { loadConfig } from "./api/config.js";
import { startNodeServer } from "./api/node-server.js";
import { startupProblem } from "./api/startup-errors.js";

// `npm start`: the API (and, once configured, the chat bots) in one Node process.
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

let server: Awaited<ReturnType<typeof startNodeServer>>;
try {
  server = await startNodeServer({ config });
} catch (err) {
  // One line naming the variable and the cause, not a stack.
  console.error(`baton: cannot start: ${startupProblem(err, config)}`);
  process.exit(1);
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    const most = config.SHUTDOWN_DELAY_SECONDS + config.SHUTDOWN_TIMEOUT_SECONDS;
    process.stderr.write(`\n${signal}: shutting down (at most ${most} s)\n`);
    await server.close().catch(() => undefined);
    process.exit(0);
  });
}
