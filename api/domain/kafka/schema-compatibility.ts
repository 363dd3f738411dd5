import avro from "avsc";
import type { CompatibilityMode } from "./types.js";

/**
 * Avro schema compatibility with the Schema Registry's meaning of each mode. "Can read" is Avro's
 * schema resolution as the `avsc` library implements it (`reader.createResolver(writer)`):
 * - BACKWARD: the new schema reads data written with the previous one (consumers upgrade first);
 * - FORWARD: the previous schema reads data written with the new one (producers upgrade first);
 * - FULL: both. The plain modes check the newest previous version only; `…_TRANSITIVE` checks
 *   every previous version; NONE checks nothing.
 * Versions are numbered 1… in the order given (oldest first); the new schema is the next number.
 */

export type CompatibilityResult =
  | { kind: "checked"; compatible: boolean; messages: string[] }
  | { kind: "invalid"; path: string; message: string };

type AvroType = ReturnType<typeof avro.Type.forSchema>;

function parse(schema: unknown, path: string): AvroType | { path: string; message: string } {
  try {
    return avro.Type.forSchema(schema as avro.Schema);
  } catch (err) {
    return { path, message: `not a valid Avro schema: ${(err as Error).message}` };
  }
}

function canRead(reader: AvroType, writer: AvroType): string | null {
  try {
    reader.createResolver(writer);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

interface AvroField {
  name: string;
  type: AvroType;
  defaultValue(): unknown;
  aliases?: string[];
}

function fieldsOf(t: AvroType): AvroField[] | null {
  const rt = t as unknown as { typeName: string; fields?: AvroField[] };
  return rt.typeName === "record" ? (rt.fields ?? []) : null;
}

const describe = (t: AvroType): string => {
  const s = t.schema() as unknown;
  return typeof s === "string" ? s : JSON.stringify(s);
};

/**
 * Why `reader` cannot read `writer`, field by field where both are records: a field the reader needs
 * and the writer lacks (no default), a field whose type no longer resolves. Falls back to avsc's own
 * reason for anything else.
 */
function explain(
  reader: AvroType,
  writer: AvroType,
  readerIs: string,
  writerIs: string,
  path = "",
): string[] {
  const reason = canRead(reader, writer);
  if (reason === null) return [];
  const rf = fieldsOf(reader);
  const wf = fieldsOf(writer);
  if (!rf || !wf) return [`${path ? `field "${path}": ` : ""}${readerIs} cannot read ${writerIs}: ${reason}`];
  const out: string[] = [];
  for (const f of rf) {
    const names = [f.name, ...(f.aliases ?? [])];
    const w = wf.find((x) => names.includes(x.name));
    const at = path ? `${path}.${f.name}` : f.name;
    if (!w) {
      if (f.defaultValue() === undefined) {
        out.push(
          `field "${at}" has no default and is missing from ${writerIs}: ${readerIs} cannot read records written without it (give it a default)`,
        );
      }
      continue;
    }
    if (fieldsOf(f.type) && fieldsOf(w.type)) {
      out.push(...explain(f.type, w.type, readerIs, writerIs, at));
      continue;
    }
    const why = canRead(f.type, w.type);
    if (why !== null) {
      out.push(
        `field "${at}" is ${describe(w.type)} in ${writerIs} and ${describe(f.type)} in ${readerIs}: ${readerIs} cannot read those values (${why})`,
      );
    }
  }
  if (out.length === 0)
    out.push(`${path ? `field "${path}": ` : ""}${readerIs} cannot read ${writerIs}: ${reason}`);
  return out;
}

/** Checks `schema` against `previous` (oldest … newest) in `mode`. */
export function checkCompatibility(input: {
  mode: CompatibilityMode;
  schema: unknown;
  previous: unknown[];
}): CompatibilityResult {
  const next = parse(input.schema, "schema");
  if ("path" in next) return { kind: "invalid", ...next };
  const previous: AvroType[] = [];
  for (const [i, s] of input.previous.entries()) {
    const t = parse(s, `previous.${i}`);
    if ("path" in t) return { kind: "invalid", ...t };
    previous.push(t);
  }
  const { mode } = input;
  if (mode === "NONE" || previous.length === 0) return { kind: "checked", compatible: true, messages: [] };
  const transitive = mode.endsWith("_TRANSITIVE");
  const backward = mode.startsWith("BACKWARD") || mode.startsWith("FULL");
  const forward = mode.startsWith("FORWARD") || mode.startsWith("FULL");
  const newVersion = previous.length + 1;
  const against = transitive ? previous.map((_, i) => i) : [previous.length - 1];
  const messages: string[] = [];
  for (const i of against) {
    const old = previous[i] as AvroType;
    const v = `version ${i + 1}`;
    const n = `the new schema (version ${newVersion})`;
    if (backward) {
      for (const m of explain(next, old, n, v)) messages.push(`BACKWARD against ${v}: ${m}`);
    }
    if (forward) {
      for (const m of explain(old, next, v, n)) messages.push(`FORWARD against ${v}: ${m}`);
    }
  }
  return { kind: "checked", compatible: messages.length === 0, messages };
}
