import { commandBody, signSlack } from "../test/helpers/slack.js";

/**
 * A burst of signed `/agenda` commands from a separate process, as Slack's servers would send them:
 * the server under test does not share its event loop with the load generator.
 * Usage: tsx bench/burst-client.ts <url> <count> <signing secret> <channel prefix> <response url base>
 * Prints the acknowledgement times in ms as JSON.
 */
const [url = "", countText = "100", secret = "", prefix = "B", responseBase = ""] = process.argv.slice(2);
const count = Number(countText);
const times: number[] = [];
await Promise.all(
  Array.from({ length: count }, async (_, i) => {
    const body = commandBody({
      text: "start demo",
      channel_id: `${prefix}${i}`,
      response_url: `${responseBase}${prefix}${i}`,
    });
    const t0 = performance.now();
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...signSlack(body, secret) },
      body,
    });
    await res.text();
    times.push(performance.now() - t0);
  }),
);
console.log(JSON.stringify(times));
