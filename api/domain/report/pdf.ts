import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import type { Block } from "./blocks.js";
import type { ReportModel } from "./model.js";
import { renderSections } from "./sections.js";

/**
 * The report as PDF, in pure JavaScript (pdf-lib: no browser, no file system, so it runs on Workers
 * too), from the same blocks as the Markdown and HTML. Pictures are given as their text (`alt`) and
 * the tables that carry their figures; text is laid out on A4 with the standard Helvetica fonts.
 * No creation date is written, so the same data gives the same bytes.
 */
export async function renderReportPdf(model: ReportModel): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(winAnsi(`${model.workshop.name}: workshop report`));
  doc.setProducer("Baton");
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const italic = await doc.embedFont(StandardFonts.HelveticaOblique);
  const w = new Writer(doc, regular, bold, italic);
  const ws = model.workshop;
  w.text(`${ws.name}: workshop report`, { font: bold, size: 20 });
  w.text(
    `Starts ${ws.startDate} · ${ws.days} day${ws.days === 1 ? "" : "s"} · ${ws.timezone} · as of ${model.asOf}`,
    { size: 10 },
  );
  for (const section of renderSections(model)) {
    w.gap(10);
    w.text(section.title, { font: bold, size: 15 });
    for (const block of section.blocks) w.block(block);
  }
  return doc.save({ useObjectStreams: false });
}

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN = 48;
const INK = rgb(0.07, 0.09, 0.15);
const GREY = rgb(0.8, 0.84, 0.88);

/** WinAnsi is all the standard fonts can encode: a few common symbols spelt out, the rest as "?". */
export function winAnsi(text: string): string {
  return text
    .replace(/→/g, "->")
    .replace(/≤/g, "<=")
    .replace(/≥/g, ">=")
    .replace(/×/g, "x")
    .replace(/★/g, "*")
    .replace(/[\r\n\t]+/g, " ")
    .replace(/[^\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/g, "?");
}

interface TextOptions {
  font?: PDFFont;
  size?: number;
  indent?: number;
}

class Writer {
  private page: PDFPage;
  private y = PAGE_H - MARGIN;
  constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly italic: PDFFont,
  ) {
    this.page = doc.addPage([PAGE_W, PAGE_H]);
  }

  private ensure(height: number): void {
    if (this.y - height < MARGIN) {
      this.page = this.doc.addPage([PAGE_W, PAGE_H]);
      this.y = PAGE_H - MARGIN;
    }
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** Wraps `text` to the width and writes it, starting a page when needed. */
  text(raw: string, opts: TextOptions = {}): void {
    const font = opts.font ?? this.regular;
    const size = opts.size ?? 10;
    const indent = opts.indent ?? 0;
    const lines = wrap(winAnsi(raw), font, size, PAGE_W - 2 * MARGIN - indent);
    for (const line of lines) {
      this.ensure(size * 1.35);
      this.y -= size * 1.35;
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color: INK });
    }
  }

  block(b: Block): void {
    switch (b.kind) {
      case "paragraph":
        this.gap(4);
        this.text(b.text, { font: b.tone ? this.italic : this.regular });
        return;
      case "subheading":
        this.gap(6);
        this.text(b.text, { font: this.bold, size: 12 });
        return;
      case "facts":
        this.gap(4);
        for (const i of b.items) this.text(`${i.label}: ${i.value}`);
        return;
      case "list":
        this.gap(4);
        b.items.forEach((item, n) => {
          this.text(`${b.ordered ? `${n + 1}.` : "•"} ${item}`, { indent: 8 });
        });
        return;
      case "figure":
        this.gap(4);
        this.text(`Figure: ${b.alt}`, { font: this.italic, size: 9 });
        return;
      case "table":
        this.table(b);
        return;
    }
  }

  private table(b: Extract<Block, { kind: "table" }>): void {
    this.gap(6);
    if (b.rows.length === 0) {
      this.text(`${b.caption}: none yet.`, { font: this.italic });
      return;
    }
    this.text(b.caption, { font: this.italic, size: 9 });
    const size = b.head.length > 7 ? 7 : 8;
    const width = PAGE_W - 2 * MARGIN;
    // Column widths from the longest cell of each column (capped), scaled to the page width.
    const natural = b.head.map((head, i) => {
      let max = this.bold.widthOfTextAtSize(winAnsi(head), size);
      for (const row of b.rows.slice(0, 200)) {
        max = Math.max(max, this.regular.widthOfTextAtSize(winAnsi(row[i] ?? ""), size));
      }
      return Math.min(Math.max(max, 24), 220) + 6;
    });
    const total = natural.reduce((a, c) => a + c, 0);
    const widths = natural.map((n) => (n * width) / total);
    const drawRow = (cells: string[], font: PDFFont) => {
      const wrapped = cells.map((c, i) => wrap(winAnsi(c), font, size, (widths[i] ?? 40) - 6));
      const lines = Math.max(1, ...wrapped.map((l) => l.length));
      const height = lines * size * 1.3 + 4;
      this.ensure(height);
      let x = MARGIN;
      wrapped.forEach((cellLines, i) => {
        cellLines.forEach((line, n) => {
          this.page.drawText(line, { x: x + 3, y: this.y - (n + 1) * size * 1.3, size, font, color: INK });
        });
        x += widths[i] ?? 40;
      });
      this.y -= height;
      this.page.drawLine({
        start: { x: MARGIN, y: this.y + 1 },
        end: { x: MARGIN + width, y: this.y + 1 },
        thickness: 0.5,
        color: GREY,
      });
    };
    drawRow(b.head, this.bold);
    for (const row of b.rows) drawRow(row, this.regular);
  }
}

/** Greedy word wrap by measured width; a word wider than the line is cut. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  if (text === "") return [""];
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}
