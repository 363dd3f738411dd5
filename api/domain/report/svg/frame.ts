import { escapeXml as x } from "../escape.js";

/**
 * The opening of every report picture: an `<svg role="img">` named by its `<title>` and described by
 * its `<desc>` (both escaped here), then, unless `background` is false, a white ground so it prints
 * and reads the same on any page colour. `idPrefix` keeps ids unique when a page holds several.
 */
export function svgFrame(opts: {
  className: string;
  width: number;
  height: number;
  idPrefix: string;
  title: string;
  desc: string;
  background?: boolean;
}): string {
  const { className, width, height, idPrefix } = opts;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${className}" role="img" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" aria-labelledby="${idPrefix}-title ${idPrefix}-desc">` +
    `<title id="${idPrefix}-title">${x(opts.title)}</title>` +
    `<desc id="${idPrefix}-desc">${x(opts.desc)}</desc>` +
    (opts.background === false ? "" : `<rect width="${width}" height="${height}" fill="#ffffff"/>`)
  );
}
