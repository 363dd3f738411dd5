/**
 * `<workshop-slug>-<what>.<ext>`: ASCII letters, digits and hyphens only, so the name is safe in a
 * `Content-Disposition` header and on every file system.
 */
export function exportFileName(workshopName: string, what: string, extension: string): string {
  const slug = workshopName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "workshop"}-${what}.${extension}`;
}

export function roadmapFileName(workshopName: string, extension: string): string {
  return exportFileName(workshopName, "roadmap", extension);
}
