import { benchBodyLimit } from "./body-limit.js";
import { benchDora } from "./dora.js";
import { benchKafka } from "./kafka.js";
import { benchPlan } from "./plan.js";
import { benchReport } from "./report.js";
import { benchTimers } from "./timers.js";
import { benchVotes } from "./votes.js";
import { benchWorkshops } from "./workshops.js";

// `npm run bench [name…]`: prints figures; record them in bench/RESULTS.md with the machine and date.
const benches: Record<string, () => Promise<void>> = {
  workshops: benchWorkshops,
  timers: benchTimers,
  plan: benchPlan,
  dora: benchDora,
  votes: benchVotes,
  kafka: benchKafka,
  "body-limit": benchBodyLimit,
  report: benchReport,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((n) => !(n in benches));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(benches).join(", ")}`);
  process.exit(2);
}
console.log(`# Baton benchmarks — ${new Date().toISOString()} — Node ${process.version}`);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
