import { describe, expect, it } from "vitest";
import { checkCompatibility } from "../../api/domain/kafka/schema-compatibility.js";
import { COMPATIBILITY_MODES, type CompatibilityMode } from "../../api/domain/kafka/types.js";

const record = (fields: unknown[], extra: Record<string, unknown> = {}) => ({
  type: "record",
  name: "Order",
  namespace: "shop",
  fields,
  ...extra,
});
const id = { name: "id", type: "string" };
const v1 = record([id]);
const withDefault = record([id, { name: "currency", type: "string", default: "EUR" }]);
const withoutDefault = record([id, { name: "amount", type: "long" }]);
const renamedWithAlias = record([{ name: "orderId", type: "string", aliases: ["id"] }]);
const renamedNoAlias = record([{ name: "orderId", type: "string" }]);
const qty = (type: unknown) => record([id, { name: "qty", type }]);
const nullable = record([{ name: "id", type: ["null", "string"], default: null }]);

type Row = [string, unknown, unknown[], Partial<Record<CompatibilityMode, boolean>>];

/** Expected verdict per mode: BACKWARD = new reads old, FORWARD = old reads new, FULL = both. */
const TABLE: Row[] = [
  ["adding a field with a default", withDefault, [v1], { BACKWARD: true, FORWARD: true, FULL: true }],
  ["adding a field without a default", withoutDefault, [v1], { BACKWARD: false, FORWARD: true, FULL: false }],
  [
    "removing a field without a default",
    v1,
    [withoutDefault],
    { BACKWARD: true, FORWARD: false, FULL: false },
  ],
  ["removing a field with a default", v1, [withDefault], { BACKWARD: true, FORWARD: true, FULL: true }],
  ["renaming a field with an alias", renamedWithAlias, [v1], { BACKWARD: true, FORWARD: false, FULL: false }],
  [
    "renaming a field without an alias",
    renamedNoAlias,
    [v1],
    { BACKWARD: false, FORWARD: false, FULL: false },
  ],
  ["widening int to long", qty("long"), [qty("int")], { BACKWARD: true, FORWARD: false, FULL: false }],
  ["narrowing long to int", qty("int"), [qty("long")], { BACKWARD: false, FORWARD: true, FULL: false }],
  [
    "widening a union (string → null | string)",
    nullable,
    [v1],
    { BACKWARD: true, FORWARD: false, FULL: false },
  ],
  [
    "narrowing a union (null | string → string)",
    v1,
    [nullable],
    { BACKWARD: false, FORWARD: true, FULL: false },
  ],
  ["an identical schema", v1, [v1], { BACKWARD: true, FORWARD: true, FULL: true }],
];

describe("Avro compatibility in the Schema Registry's modes", () => {
  const cases = TABLE.flatMap(([what, schema, previous, verdicts]) =>
    COMPATIBILITY_MODES.map((mode) => {
      const base = mode.replace("_TRANSITIVE", "") as "BACKWARD" | "FORWARD" | "FULL" | "NONE";
      // with one previous version, a transitive mode answers as its plain form; NONE accepts all
      const expected = base === "NONE" ? true : (verdicts[base] as boolean);
      return [what, mode, schema, previous, expected] as const;
    }),
  );

  it.each(cases)("%s in %s", (_what, mode, schema, previous, expected) => {
    const r = checkCompatibility({ mode, schema, previous });
    if (r.kind !== "checked") throw new Error(r.message);
    expect(r.compatible).toBe(expected);
    expect(r.messages.length > 0).toBe(!expected);
  });

  it("says which field breaks what", () => {
    const added = checkCompatibility({ mode: "BACKWARD", schema: withoutDefault, previous: [v1] });
    expect(added).toEqual({
      kind: "checked",
      compatible: false,
      messages: [
        'BACKWARD against version 1: field "amount" has no default and is missing from version 1: the new schema (version 2) cannot read records written without it (give it a default)',
      ],
    });
    const narrowed = checkCompatibility({ mode: "BACKWARD", schema: qty("int"), previous: [qty("long")] });
    if (narrowed.kind !== "checked") throw new Error("invalid");
    expect(narrowed.messages[0]).toMatch(
      /^BACKWARD against version 1: field "qty" is long in version 1 and int in the new schema \(version 2\)/,
    );
    const full = checkCompatibility({ mode: "FULL", schema: withoutDefault, previous: [v1] });
    if (full.kind !== "checked") throw new Error("invalid");
    expect(full.messages).toHaveLength(1);
    expect(full.messages[0]).toContain("BACKWARD against version 1");
    const forward = checkCompatibility({ mode: "FORWARD", schema: v1, previous: [withoutDefault] });
    if (forward.kind !== "checked") throw new Error("invalid");
    expect(forward.messages[0]).toContain(
      'FORWARD against version 1: field "amount" has no default and is missing from the new schema (version 2): version 1 cannot read',
    );
  });

  it("names the field inside a nested record", () => {
    const nest = (inner: unknown[]) =>
      record([id, { name: "customer", type: { type: "record", name: "Customer", fields: inner } }]);
    const r = checkCompatibility({
      mode: "BACKWARD",
      schema: nest([{ name: "email", type: "string" }]),
      previous: [nest([])],
    });
    if (r.kind !== "checked") throw new Error("invalid");
    expect(r.messages[0]).toContain('field "customer.email" has no default');
  });

  describe("transitive chains: plain modes check the newest previous version only", () => {
    // v1 {id}; v2 adds amount WITH a default; v3 drops the default from amount.
    const chainV2 = record([id, { name: "amount", type: "long", default: 0 }]);
    const chainV3 = withoutDefault;
    it.each([
      ["BACKWARD", true],
      ["BACKWARD_TRANSITIVE", false],
      ["FULL", true],
      ["FULL_TRANSITIVE", false],
      ["FORWARD", true],
      ["FORWARD_TRANSITIVE", true],
      ["NONE", true],
    ] as const)("v3 against [v1, v2] in %s → %s", (mode, expected) => {
      const r = checkCompatibility({ mode, schema: chainV3, previous: [v1, chainV2] });
      if (r.kind !== "checked") throw new Error("invalid");
      expect(r.compatible).toBe(expected);
      if (!expected) expect(r.messages.every((m) => m.includes("against version 1"))).toBe(true);
    });

    it("a forward-transitive chain breaks on the oldest version", () => {
      // v1 {id, amount (no default)}; v2 gives amount a default; v3 drops amount.
      const r = (mode: CompatibilityMode) =>
        checkCompatibility({
          mode,
          schema: v1,
          previous: [withoutDefault, record([id, { name: "amount", type: "long", default: 0 }])],
        });
      expect(r("FORWARD")).toMatchObject({ compatible: true });
      expect(r("FORWARD_TRANSITIVE")).toMatchObject({ compatible: false });
    });
  });

  it("refuses a schema that is not Avro, naming it", () => {
    expect(
      checkCompatibility({ mode: "BACKWARD", schema: v1, previous: [{ type: "record" }] }),
    ).toMatchObject({
      kind: "invalid",
      path: "previous.0",
    });
    expect(
      checkCompatibility({ mode: "NONE", schema: record([{ name: "x", type: "nope" }]), previous: [] }),
    ).toMatchObject({ kind: "invalid", path: "schema", message: expect.stringContaining("nope") });
  });
});
