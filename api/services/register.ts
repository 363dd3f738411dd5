import type { LineItemRow } from "../../db/schema/line-items.js";
import { compareRegister, exposure, isOverdue } from "../domain/outputs/register.js";
import { localDate, parseDueDate } from "../domain/time/natural-date.js";
import { DomainError, type ErrorDetail } from "../errors.js";
import type { LineItem } from "../schemas/line-item.js";
import { loadWorkshop, type ServiceContext } from "./context.js";
import { listLineItems } from "./line-items.js";

/** The kinds that make up the RAID register: risks, assumptions, issues, dependencies. */
export const REGISTER_KINDS = ["risk", "assumption", "issue", "dependency"] as const;

type RaidView = Pick<
  LineItem,
  | "owner"
  | "dueDate"
  | "overdue"
  | "status"
  | "likelihood"
  | "impact"
  | "exposure"
  | "workPackages"
  | "review"
>;

/** A line item's register fields as the API shows them; `today` is the workshop's local date. */
export function raidView(row: LineItemRow, today: string): RaidView {
  return {
    owner: row.owner,
    dueDate: row.dueDate,
    overdue: isOverdue(row.dueDate, row.status, today),
    status: row.status,
    likelihood: row.likelihood,
    impact: row.impact,
    exposure: exposure(row.likelihood, row.impact),
    workPackages: row.workPackages,
    review:
      row.reviewOutcome && row.reviewedAt
        ? { outcome: row.reviewOutcome, at: row.reviewedAt.toISOString(), by: row.reviewedBy ?? "" }
        : null,
  };
}

export function workshopToday(workshop: { timezone: string }, now: Date): string {
  return localDate(now, workshop.timezone);
}

export interface RaidInput {
  owner?: string | null | undefined;
  dueDate?: string | null | undefined;
  by?: string | undefined;
  likelihood?: number | null | undefined;
  impact?: number | null | undefined;
  workPackages?: string[] | undefined;
}

type RaidColumns = Partial<Pick<LineItemRow, "owner" | "dueDate" | "likelihood" | "impact" | "workPackages">>;

/**
 * The register columns a capture or an edit writes. `by` ("end of April") is resolved in the
 * workshop's zone; with `dueDate` too it is refused. Likelihood and impact belong to risks: given for
 * another kind (the item's kind after the edit), they are refused naming the field.
 */
export function raidColumns(
  input: RaidInput,
  opts: { kind: LineItemRow["kind"]; previous?: LineItemRow; timeZone: string; now: Date },
): RaidColumns {
  const details: ErrorDetail[] = [];
  const out: RaidColumns = {};
  if (input.owner !== undefined) out.owner = input.owner;
  if (input.dueDate !== undefined) out.dueDate = input.dueDate;
  if (input.by !== undefined) {
    if (input.dueDate !== undefined) details.push({ path: "by", message: "give by or dueDate, not both" });
    const parsed = parseDueDate(input.by, { now: opts.now, timeZone: opts.timeZone });
    if (parsed.kind === "ok") out.dueDate = parsed.date;
    else details.push({ path: "by", message: parsed.message });
  }
  if (input.likelihood !== undefined) out.likelihood = input.likelihood;
  if (input.impact !== undefined) out.impact = input.impact;
  if (opts.kind !== "risk") {
    const likelihood = out.likelihood !== undefined ? out.likelihood : (opts.previous?.likelihood ?? null);
    const impact = out.impact !== undefined ? out.impact : (opts.previous?.impact ?? null);
    if (likelihood !== null) details.push({ path: "likelihood", message: "only risks have a likelihood" });
    if (impact !== null) details.push({ path: "impact", message: "only risks have an impact" });
  }
  if (input.workPackages !== undefined) out.workPackages = [...new Set(input.workPackages)];
  if (details.length) {
    throw new DomainError(
      "VALIDATION",
      `Invalid request: ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`,
      details,
    );
  }
  return out;
}

/** Sorts line items into the register's order (due date, then exposure, then oldest first). */
export function sortRegister(items: LineItem[]): LineItem[] {
  return items.sort(compareRegister);
}

/**
 * The RAID register for reports: risks, assumptions, issues and dependencies, by due date then
 * exposure, each with owner, status, overdue flag, exposure and linked work packages.
 */
export async function getRegister(
  ctx: ServiceContext,
  input: { workshopId: string; status?: LineItemRow["status"] },
): Promise<{ workshopId: string; today: string; items: LineItem[] }> {
  const workshop = await loadWorkshop(ctx, input.workshopId);
  const items = await listLineItems(ctx, {
    workshopId: input.workshopId,
    order: "register",
    status: input.status,
  });
  return {
    workshopId: input.workshopId,
    today: workshopToday(workshop, ctx.now),
    items: items.filter((i) => (REGISTER_KINDS as readonly string[]).includes(i.kind)),
  };
}
