import { warning } from "../messages.js";
import type { CostsView } from "../outputs-types.js";
import type { ChatCommand } from "../registry.js";
import type { Reply, WorkshopSummary } from "../types.js";
import { helpReply, NOT_BOUND } from "./help.js";

const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);

/** `/costs`: each option's cost totals, read-only (the figures are entered through the API). */
export const costsCommand: ChatCommand = {
  name: "costs",
  summary: "each option's costs: per month and year, by environment",
  help: [
    "`/costs` — each scorecard option's total cost per month and per year, split by environment",
    "Read-only in chat: the figures are entered through the API (`PUT /v1/workshops/{id}/costs`: option, environment, monthly, currency)",
  ],
  async run(ctx, text, core) {
    if (text.trim()) return helpReply(core, ctx, "costs");
    const workshop = await core.boundWorkshop(ctx);
    if (!workshop) return warning(NOT_BOUND);
    return costsReply(await core.api.getCosts(workshop.id), workshop);
  },
};

function costsReply(costs: CostsView, workshop: WorkshopSummary): Reply {
  if (!costs.totals.length)
    return {
      visibility: "ephemeral",
      text: `No costs yet for "${workshop.name}". A facilitator adds them through the API: \`PUT /v1/workshops/${workshop.id}/costs\` with each option's monthly cost per environment.`,
    };
  const [cheapest] = [...costs.totals].sort((a, b) => a.monthly - b.monthly);
  const currencies = new Set(costs.totals.map((t) => t.currency));
  const lowest =
    cheapest && costs.totals.length > 1 && currencies.size === 1
      ? ` the lowest is ${cheapest.label} at ${money(cheapest.monthly, cheapest.currency)} a month.`
      : "";
  return {
    visibility: "ephemeral",
    text: `Costs of ${costs.totals.length === 1 ? "1 option" : `${costs.totals.length} options`} in "${workshop.name}":${lowest}`,
    sections: [
      {
        text: costs.totals
          .map(
            (t) =>
              `${t.label}: ${money(t.monthly, t.currency)} a month, ${money(t.annual, t.currency)} a year (${t.byEnvironment.map((e) => `${e.environment} ${money(e.monthly, t.currency)}`).join(", ")})`,
          )
          .join("\n"),
      },
    ],
  };
}
