// Run by `npm install` / `npm ci` (postinstall). postgres.js 3.4.x can throw from a setImmediate when a
// connection closes with a small write still scheduled ("Cannot read properties of null (reading
// 'write')" in nextWrite): an uncaught exception that takes the whole server down when the database
// restarts or fails over (porsager/postgres issues 1066, 1154, 1208; fix proposed in pull requests
// 1168, 1176, 1209, not released in 3.4.x). Until a release carries it, this settles such a write
// with the connection error the query would get anyway, and clears the scheduled write on teardown.
// Idempotent; it leaves any other version of the file alone and says so.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules", "postgres");
const MARK = "baton: guarded nextWrite";

const NEXT_WRITE = `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`;
const GUARDED = `  function nextWrite(fn) {
    // ${MARK} (the connection closed after this write was scheduled)
    if (socket === null) {
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`;
const TEARDOWN = "    clearImmediate(nextWriteTimer)\n";
const CLEARED = "    clearImmediate(nextWriteTimer)\n    nextWriteTimer = null\n    chunk = null\n";

/** Patches one copy of connection.js; what it did, in words. */
export function patchConnection(source) {
  if (source.includes(MARK)) return { source, changed: false, note: "already patched" };
  if (!source.includes(NEXT_WRITE) || source.split(TEARDOWN).length !== 3)
    return { source, changed: false, note: "not the expected 3.4.x code: left alone" };
  return {
    source: source.replace(NEXT_WRITE, GUARDED).replaceAll(TEARDOWN, CLEARED),
    changed: true,
    note: "patched",
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(root)) process.exit(0);
  const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  for (const variant of ["src", "cjs/src", "cf/src"]) {
    const file = join(root, variant, "connection.js");
    if (!existsSync(file)) continue;
    const result = patchConnection(readFileSync(file, "utf8"));
    if (result.changed) writeFileSync(file, result.source);
    if (result.note !== "already patched")
      console.log(`postgres ${version} ${variant}/connection.js: ${result.note}`);
  }
}
