import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import type { z } from "zod";
import { checkInput } from "../lib/check-input.js";
import { ChangeInput, DeploymentInput, IncidentInput, MAX_BATCH_ITEMS } from "../schemas/dora.js";
import type { IngestKind } from "../services/dora-ingest.js";

/** The columns each kind's CSV may have; the others' names are the API's fields. */
export const CSV_COLUMNS: Record<IngestKind, { required: string[]; optional: string[] }> = {
  changes: { required: ["id", "committedAt"], optional: ["service"] },
  deployments: {
    required: ["id", "deployedAt"],
    optional: ["service", "environment", "status", "changeIds"],
  },
  incidents: { required: ["id", "createdAt"], optional: ["service", "resolvedAt", "rootCauseChangeId"] },
};

const SCHEMAS: Record<IngestKind, z.ZodType> = {
  changes: ChangeInput,
  deployments: DeploymentInput,
  incidents: IncidentInput,
};

/** A CSV row as the API's item: empty cells are left out (or null), `changeIds` is split on `;` or spaces. */
export function rowToItem(kind: IngestKind, row: Record<string, string>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (column === "changeIds") item.changeIds = value.split(/[;\s]+/).filter(Boolean);
    else if (value !== "") item[column] = value;
    else if (kind === "incidents" && (column === "resolvedAt" || column === "rootCauseChangeId"))
      item[column] = null;
  }
  return item;
}

export interface Rejected {
  /** The file's line number (the header is line 1). */
  line: number;
  /** One sentence per problem, naming the column: `column deployedAt: must be an ISO 8601 instant …`. */
  problems: string[];
}

/** A zod issue about one row, in words for the person who edits the CSV. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const [column, ...rest] = issue.path.map(String);
  const where = column
    ? `column ${column}${rest.length ? ` (item ${Number(rest[0]) + 1}${rest.length > 1 ? `, ${rest.slice(1).join(".")}` : ""})` : ""}`
    : "the row";
  return `${where}: ${issueWords(issue)}`;
}

function issueWords(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "is empty; a value is required" : issue.message;
    case "invalid_value":
      return `must be one of ${issue.values.map(String).join(", ")}`;
    case "too_big":
      return issue.origin === "string" ? `must be at most ${issue.maximum} characters` : issue.message;
    case "too_small":
      return issue.origin === "string"
        ? `must not be empty${Number(issue.minimum) > 1 ? ` (at least ${issue.minimum} characters)` : ""}`
        : issue.message;
    default:
      return issue.message;
  }
}

/** One batch's answer from the API (status and parsed body). */
export type Send = (kind: IngestKind, items: unknown[]) => Promise<{ status: number; body: unknown }>;

export interface ImportOptions {
  kind: IngestKind;
  file: string;
  send: Send;
  /** Where the progress goes (stderr): a bar on a terminal, a line per batch otherwise. */
  progress: { write(text: string): unknown; isTTY?: boolean | undefined };
  batchSize?: number;
}

export interface ImportSummary {
  rows: number;
  rejected: Rejected[];
  sent: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Set when a batch was refused or failed; the batches before it were written. */
  failure: string | null;
}

type Row = { record: Record<string, string>; info: { lines: number } };

function rows(file: string) {
  return createReadStream(file).pipe(
    parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, info: true }),
  ) as AsyncIterable<Row>;
}

/**
 * Imports a CSV of changes, deployments or incidents through the batch API. Every row is validated
 * first, with the API's own schemas and storability check (`checkInput`); if any is bad, the rejected rows are reported with their line
 * numbers and nothing is sent. Then the rows go in batches of up to 10,000, each all-or-nothing on
 * the server and an upsert by id, so running the same import again is safe. Reads the file twice
 * rather than holding it in memory.
 */
export async function importDoraCsv(o: ImportOptions): Promise<ImportSummary> {
  const batchSize = Math.min(o.batchSize ?? MAX_BATCH_ITEMS, MAX_BATCH_ITEMS);
  const schema = SCHEMAS[o.kind];
  const allowed = new Set([...CSV_COLUMNS[o.kind].required, ...CSV_COLUMNS[o.kind].optional]);
  const summary: ImportSummary = {
    rows: 0,
    rejected: [],
    sent: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failure: null,
  };

  // Pass 1: validate every row, and every id once.
  const seen = new Map<string, number>();
  let header: string[] | null = null;
  try {
    for await (const { record, info } of rows(o.file)) {
      if (!header) {
        header = Object.keys(record);
        const unknown = header.filter((c) => !allowed.has(c));
        const missing = CSV_COLUMNS[o.kind].required.filter((c) => !header?.includes(c));
        if (unknown.length || missing.length) {
          summary.failure = [
            unknown.length ? `unknown column ${unknown.join(", ")}` : "",
            missing.length ? `missing column ${missing.join(", ")}` : "",
          ]
            .filter(Boolean)
            .join("; ");
          summary.failure += ` (${o.kind} take ${[...allowed].join(", ")})`;
          return summary;
        }
      }
      summary.rows++;
      // The API's own check (schema, then what PostgreSQL cannot store), so a row that passes here is
      // one the API takes.
      const checked = checkInput(schema, rowToItem(o.kind, record));
      const problems = checked.ok ? [] : checked.issues.map(describeIssue);
      const id = record.id ?? "";
      const first = seen.get(id);
      if (first !== undefined) problems.push(`column id: repeats line ${first}`);
      else seen.set(id, info.lines);
      if (problems.length) summary.rejected.push({ line: info.lines, problems });
    }
  } catch (err) {
    summary.failure = `not a readable CSV: ${err instanceof Error ? err.message : String(err)}`;
    return summary;
  }
  seen.clear();
  if (summary.rejected.length || summary.rows === 0) return summary;

  // Pass 2: send in batches, with progress.
  const started = performance.now();
  let batch: unknown[] = [];
  let firstLine = 0;
  let lastLine = 0;
  const flush = async () => {
    if (batch.length === 0) return true;
    const { status, body } = await o.send(o.kind, batch);
    if (status !== 200) {
      const message =
        (body as { error?: { message?: string } } | null)?.error?.message ?? JSON.stringify(body);
      summary.failure = `the batch of lines ${firstLine}–${lastLine} was refused (${status}): ${message}`;
      return false;
    }
    const r = body as { created: number; updated: number; unchanged: number };
    summary.sent += batch.length;
    summary.created += r.created;
    summary.updated += r.updated;
    summary.unchanged += r.unchanged;
    batch = [];
    showProgress(o.progress, summary.sent, summary.rows, performance.now() - started);
    return true;
  };
  for await (const { record, info } of rows(o.file)) {
    if (batch.length === 0) firstLine = info.lines;
    lastLine = info.lines;
    batch.push(rowToItem(o.kind, record));
    if (batch.length >= batchSize && !(await flush())) break;
  }
  if (!summary.failure) await flush();
  if (o.progress.isTTY) o.progress.write("\n");
  return summary;
}

function showProgress(out: ImportOptions["progress"], done: number, total: number, ms: number) {
  const share = total ? done / total : 1;
  const rate = ms > 0 ? Math.round((done / ms) * 1000) : 0;
  const counts = `${done.toLocaleString("en")}/${total.toLocaleString("en")} rows, ${rate.toLocaleString("en")} rows/s`;
  if (out.isTTY) {
    const width = 30;
    const filled = Math.round(share * width);
    out.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.floor(share * 100)}% ${counts}`);
  } else {
    out.write(`sent ${counts} (${Math.floor(share * 100)}%)\n`);
  }
}

/** The summary, for people: what was accepted, or every rejected row with its line number. */
export function describeSummary(kind: IngestKind, s: ImportSummary, maxRejected = 50): string[] {
  const lines: string[] = [];
  if (s.rejected.length) {
    lines.push(`${s.rejected.length} of ${s.rows} rows rejected; nothing was sent:`);
    for (const r of s.rejected.slice(0, maxRejected))
      lines.push(`  line ${r.line}: ${r.problems.join("; ")}`);
    if (s.rejected.length > maxRejected) lines.push(`  … and ${s.rejected.length - maxRejected} more`);
    return lines;
  }
  if (s.failure && s.sent === 0 && s.rows === 0) return [`Nothing imported: ${s.failure}`];
  if (s.rows === 0) return ["Nothing imported: the file has no rows."];
  lines.push(
    `${s.sent} of ${s.rows} ${kind} accepted: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged.`,
  );
  if (s.failure) {
    lines.push(`Stopped: ${s.failure}.`);
    lines.push(
      "The batches before it were written; every item is an upsert by id, so re-running the import is safe.",
    );
  }
  return lines;
}
