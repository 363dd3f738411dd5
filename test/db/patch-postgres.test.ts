import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script run by npm's postinstall, without type declarations
import { patchConnection } from "../../db/patch-postgres.mjs";

type Patch = (source: string) => { source: string; changed: boolean; note: string };
const patch = patchConnection as Patch;

describe("the postgres.js nextWrite guard (postinstall)", () => {
  it("is applied to the installed driver, in every build of it", () => {
    for (const variant of ["src", "cjs/src", "cf/src"]) {
      const source = readFileSync(`node_modules/postgres/${variant}/connection.js`, "utf8");
      expect(source).toContain("baton: guarded nextWrite");
      expect(patch(source)).toMatchObject({ changed: false, note: "already patched" });
    }
  });

  it("leaves code it does not recognise alone", () => {
    expect(patch("function nextWrite(fn) { return 1 }")).toMatchObject({
      changed: false,
      note: "not the expected 3.4.x code: left alone",
    });
  });
});
