import type { Context } from "hono";
import type { AppEnv } from "../context.js";
import { CSV_MEDIA_TYPE } from "../domain/export/csv.js";
import { exportFileName } from "../domain/roadmap/file-name.js";
import { loadWorkshop } from "../services/context.js";
import { serviceContext } from "./service-context.js";

/** A CSV download named after the workshop: `<workshop-slug>-<what>.csv`. */
export async function csvAttachment(c: Context<AppEnv>, workshopId: string, what: string, body: string) {
  const workshop = await loadWorkshop(serviceContext(c), workshopId);
  return c.body(body, 200, {
    "Content-Type": CSV_MEDIA_TYPE,
    "Content-Disposition": `attachment; filename="${exportFileName(workshop.name, what, "csv")}"`,
  });
}
