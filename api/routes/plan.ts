import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../context.js";
import { renderCsv } from "../domain/roadmap/csv.js";
import { roadmapFileName } from "../domain/roadmap/file-name.js";
import { renderMarkdown } from "../domain/roadmap/markdown.js";
import { renderMermaid } from "../domain/roadmap/mermaid.js";
import { DomainError } from "../errors.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { unionAwareHook } from "../lib/union-issues.js";
import { Actor } from "../schemas/actor.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import {
  NewWorkPackage,
  Plan,
  PlanWhy,
  PutPlan,
  type RoadmapFormat,
  RoadmapQuery,
  WorkPackageKey,
  WorkPackagePatch,
} from "../schemas/plan.js";
import {
  addWorkPackage,
  explainWorkPackage,
  getPlan,
  getStoredPlan,
  type PlanWrite,
  removeWorkPackage,
  replacePlan,
  roadmapCalendar,
  toPlan,
  updateWorkPackage,
} from "../services/plans.js";

const readers = () => requireRole("facilitator", "pm", "bot");
const writers = () => requireRole("facilitator", "bot");

/**
 * A whole plan is the largest body the API takes (up to 20,000 work packages), so `PUT …/plan` has
 * its own limit; `createApp` skips the general one for that route.
 */
const planBodyLimit = createMiddleware<AppEnv>(async (c, next) => {
  const maxSize = c.var.deps.planBodyLimitBytes;
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new DomainError("PAYLOAD_TOO_LARGE", `The plan is larger than ${maxSize} bytes.`, [
        { path: "body", message: `at most ${maxSize} bytes` },
      ]);
    },
  })(c, next);
});

const WorkPackageParams = IdParam.extend({
  key: WorkPackageKey.openapi({ param: { name: "key", in: "path" } }),
});

const planResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: Plan } },
});

const put = createRoute({
  method: "put",
  path: "/workshops/{id}/plan",
  tags: ["plan"],
  summary: "Replace the workshop's statement-of-work plan and schedule it (facilitator, bot)",
  description:
    "Critical path method on working days (see docs/plan.md). Every problem is refused at once: a 400 for the " +
    "shape, a 422 naming each unknown key, self-dependency and cycle (as its full path `a → b → c → a`). " +
    "The same plan again changes nothing (idempotent: no new version, no audit entry).",
  security: bearer,
  middleware: [writers(), planBodyLimit] as const,
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: PutPlan } } },
  },
  responses: {
    200: planResponse("Replaced (or unchanged); the schedule"),
    201: planResponse("Created; the schedule"),
    400: errors[400],
    404: errors[404],
    413: errors[413],
    422: errors[422],
    ...authErrors,
  },
});

const get = createRoute({
  method: "get",
  path: "/workshops/{id}/plan",
  tags: ["plan"],
  summary: "The plan's schedule: dates, floats, critical path (facilitator, pm, bot)",
  security: bearer,
  middleware: [readers()] as const,
  request: { params: IdParam },
  responses: {
    200: planResponse("The schedule"),
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const add = createRoute({
  method: "post",
  path: "/workshops/{id}/plan/work-packages/{key}",
  tags: ["plan"],
  summary: "Add one work package (facilitator, bot)",
  description:
    "Starts a plan (on the workshop's start date, Monday to Friday) if there is none. A link that would " +
    "close a cycle is refused (422) naming the cycle. Sending the same package again is a no-op (200).",
  security: bearer,
  middleware: [writers()] as const,
  request: {
    params: WorkPackageParams,
    body: { required: true, content: { "application/json": { schema: NewWorkPackage } } },
  },
  responses: {
    201: planResponse("Added; the new schedule"),
    200: planResponse("Already there, unchanged; the schedule"),
    400: errors[400],
    404: errors[404],
    409: errors[409],
    422: errors[422],
    ...authErrors,
  },
});

const patch = createRoute({
  method: "patch",
  path: "/workshops/{id}/plan/work-packages/{key}",
  tags: ["plan"],
  summary: "Change one work package (facilitator, bot)",
  description: "`dependsOn` replaces the package's links; a link that would close a cycle is refused (422).",
  security: bearer,
  middleware: [writers()] as const,
  request: {
    params: WorkPackageParams,
    body: { required: true, content: { "application/json": { schema: WorkPackagePatch } } },
  },
  responses: {
    200: planResponse("Changed (or unchanged); the schedule"),
    400: errors[400],
    404: errors[404],
    422: errors[422],
    ...authErrors,
  },
});

const remove = createRoute({
  method: "delete",
  path: "/workshops/{id}/plan/work-packages/{key}",
  tags: ["plan"],
  summary: "Remove one work package (facilitator, bot)",
  description: "Refused (422) while other work packages depend on it; the details name each.",
  security: bearer,
  middleware: [writers()] as const,
  request: {
    params: WorkPackageParams,
    body: {
      required: false,
      content: { "application/json": { schema: z.object({ actor: Actor.optional() }).openapi("ActingFor") } },
    },
  },
  responses: {
    200: planResponse("Removed; the new schedule"),
    400: errors[400],
    404: errors[404],
    422: errors[422],
    ...authErrors,
  },
});

const why = createRoute({
  method: "get",
  path: "/workshops/{id}/plan/work-packages/{key}/why",
  tags: ["plan"],
  summary: "Why a work package starts when it does (facilitator, pm, bot)",
  description:
    "The chain of driving links from a package the plan's start sets to this one, each with the calendar " +
    "days (weekends, holidays) skipped on the way.",
  security: bearer,
  middleware: [readers()] as const,
  request: { params: WorkPackageParams },
  responses: {
    200: { description: "The chain", content: { "application/json": { schema: PlanWhy } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

interface RoadmapRender {
  title: string;
  groupBy: "phase" | "owner";
  workshop: Parameters<typeof roadmapCalendar>[0];
}

/**
 * Each roadmap format: its media type, file extension and how it is drawn (JSON is the plan itself).
 * A table by format: a new format is a type error here until it says all three.
 */
const FORMATS: Record<
  RoadmapFormat,
  { type: string; ext: string; render: ((plan: Plan, r: RoadmapRender) => string) | null }
> = {
  json: { type: "application/json", ext: "json", render: null },
  csv: { type: "text/csv; charset=utf-8", ext: "csv", render: (plan) => renderCsv(plan) },
  md: {
    type: "text/markdown; charset=utf-8",
    ext: "md",
    render: (plan, r) => renderMarkdown(plan, { title: r.title, groupBy: r.groupBy }),
  },
  mermaid: {
    type: "text/vnd.mermaid; charset=utf-8",
    ext: "mmd",
    render: (plan, r) => renderMermaid(plan, { title: r.title, groupBy: r.groupBy }),
  },
  ics: {
    type: "text/calendar; charset=utf-8",
    ext: "ics",
    render: (plan, r) => roadmapCalendar(r.workshop, plan),
  },
};

const text = (description: string) => ({ schema: z.string().openapi({ description }) });

const roadmap = createRoute({
  method: "get",
  path: "/workshops/{id}/roadmap",
  tags: ["plan"],
  summary: "The roadmap as JSON, CSV, Markdown, Mermaid or iCalendar (facilitator, pm, bot)",
  description:
    "The same schedule as `GET …/plan`. Every format but JSON is sent as an attachment named " +
    "`<workshop-slug>-roadmap.<csv|md|mmd|ics>`. Mermaid has no registered media type; " +
    "`text/vnd.mermaid` is what Mermaid's tooling uses.",
  security: bearer,
  middleware: [readers()] as const,
  request: { params: IdParam, query: RoadmapQuery },
  responses: {
    200: {
      description: "The roadmap",
      content: {
        "application/json": { schema: Plan },
        "text/csv": text("One row per work package (RFC 4180); predecessors as `design:FS+1`"),
        "text/markdown": text("A table per phase (or owner), the critical path"),
        "text/vnd.mermaid": text("A Mermaid `gantt` with explicit dates; critical tasks marked `crit`"),
        "text/calendar": text("iCalendar (RFC 5545): one all-day event per work package, stable UIDs"),
      },
    },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

/** PUT: 201 when it created the plan. */
const status = (w: PlanWrite) => (w.created ? 201 : 200);

export const planRoutes = createRouter()
  .openapi(
    put,
    async (c) => {
      const { actor, ...plan } = c.req.valid("json");
      const result = await replacePlan(serviceContext(c, actor), {
        workshopId: c.req.valid("param").id,
        plan,
      });
      return c.json(result.plan, status(result));
    },
    unionAwareHook,
  )
  .openapi(get, async (c) =>
    c.json(await getPlan(serviceContext(c), { workshopId: c.req.valid("param").id }), 200),
  )
  .openapi(
    add,
    async (c) => {
      const { id, key } = c.req.valid("param");
      const { actor, ...workPackage } = c.req.valid("json");
      const result = await addWorkPackage(serviceContext(c, actor), { workshopId: id, key, workPackage });
      return c.json(result.plan, result.changed ? 201 : 200);
    },
    unionAwareHook,
  )
  .openapi(
    patch,
    async (c) => {
      const { id, key } = c.req.valid("param");
      const { actor, ...patch } = c.req.valid("json");
      const result = await updateWorkPackage(serviceContext(c, actor), { workshopId: id, key, patch });
      return c.json(result.plan, 200);
    },
    unionAwareHook,
  )
  .openapi(remove, async (c) => {
    const { id, key } = c.req.valid("param");
    const actor = c.req.header("content-type")?.includes("json") ? c.req.valid("json")?.actor : undefined;
    const result = await removeWorkPackage(serviceContext(c, actor), { workshopId: id, key });
    return c.json(result.plan, 200);
  })
  .openapi(why, async (c) => {
    const { id, key } = c.req.valid("param");
    return c.json(await explainWorkPackage(serviceContext(c), { workshopId: id, key }), 200);
  })
  .openapi(roadmap, async (c) => {
    const { id } = c.req.valid("param");
    const { format, groupBy } = c.req.valid("query");
    const { workshop, row, analysis } = await getStoredPlan(serviceContext(c), { workshopId: id });
    const plan = toPlan(id, row, analysis);
    const { type, ext, render } = FORMATS[format];
    const file = roadmapFileName(workshop.name, ext);
    if (!render) {
      c.header("Content-Disposition", `inline; filename="${file}"`);
      return c.json(plan, 200);
    }
    const body = render(plan, { title: `${workshop.name} roadmap`, groupBy, workshop });
    return c.body(body, 200, {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${file}"`,
    });
  });
