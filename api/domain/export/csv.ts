/**
 * CSV for spreadsheets (RFC 4180): a UTF-8 byte-order mark first, so Excel reads accents right; CRLF
 * line ends; a field quoted when it holds a comma, quote or line break. Free text that a spreadsheet
 * would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`, as OWASP
 * advises against CSV injection; numbers and booleans are written as they are.
 */
export type CsvValue = string | number | boolean | null | undefined;

export const BOM = "\uFEFF";

export function renderCsvTable(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [columns.map(field).join(",")];
  for (const row of rows) lines.push(row.map((v) => field(cell(v))).join(","));
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The media type CSV answers carry. */
export const CSV_MEDIA_TYPE = "text/csv; charset=utf-8";
