import { roadmapFileName } from "../roadmap/file-name.js";

/** `<workshop-slug>-report.<ext>`, with the same safe slug as the roadmap's file names. */
export function reportFileName(workshopName: string, extension: string): string {
  return roadmapFileName(workshopName, extension).replace(/-roadmap\.([a-z]+)$/, "-report.$1");
}
