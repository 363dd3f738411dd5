import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { lineItemsCsv } from "../domain/export/tables.js";
import { csvAttachment } from "../lib/csv-response.js";
import { idempotencyOf } from "../lib/idempotency.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam, idempotencyHeader, jsonOrCsv } from "../schemas/common.js";
import {
  CreateLineItem,
  ItemIdParam,
  LineItem,
  ListLineItemsQuery,
  UpdateLineItem,
} from "../schemas/line-item.js";
import { createLineItem, listLineItems, updateLineItem } from "../services/line-items.js";

const IdempotencyHeader = idempotencyHeader(
  "A retried capture with the same key returns the first item (200) instead of a second one",
);

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const create = createRoute({
  method: "post",
  path: "/workshops/{id}/items",
  tags: ["line items"],
  summary: "Capture a line item: requirement, assumption, risk, issue, dependency, decision or gap",
  description:
    "In the running session unless `sessionId` says otherwise. Anyone in the room may capture: bots pass the " +
    "person as `actor`; `source` links back to the chat message it came from. Register fields: `owner`, " +
    "`dueDate` or `by` (`end of April`, `next Friday`, `in 2 weeks`, `Q3`, resolved in the workshop's time " +
    "zone; a past date is accepted and flagged `overdue`), for risks `likelihood` and `impact` (1–5), and " +
    "`workPackages` (plan keys).",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: {
    params: IdParam,
    headers: IdempotencyHeader,
    body: { required: true, content: { "application/json": { schema: CreateLineItem } } },
  },
  responses: {
    201: json(LineItem, "Captured"),
    200: json(LineItem, "Replayed: this Idempotency-Key already captured this item"),
    400: errors[400],
    404: errors[404],
    422: errors[422],
    ...authErrors,
  },
});

const list = createRoute({
  method: "get",
  path: "/workshops/{id}/items",
  tags: ["line items"],
  summary: "The workshop's line items, oldest first, ranked by relevance, or as the RAID register",
  description:
    "Filter by `kind` and `status`. `order=register` sorts by due date (none last), then exposure " +
    "(likelihood × impact, highest first). Each item says whether it is `overdue` in the workshop's time zone.",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam, query: ListLineItemsQuery },
  responses: {
    200: jsonOrCsv(
      z.object({ items: z.array(LineItem) }),
      "Line items",
      "One row per line item, in the order asked for",
    ),
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const update = createRoute({
  method: "patch",
  path: "/items/{itemId}",
  tags: ["line items"],
  summary:
    "Edit a line item and its register fields (its author or a facilitator; status: facilitators only)",
  description:
    "Owner, due date (`dueDate`, or `by` as a phrase such as `end of April`), likelihood and impact (risks, " +
    "1–5), linked work packages, and `status` (open, validated, invalidated, mitigated, closed), which only " +
    "facilitators change. Audited (`item.update`).",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: {
    params: ItemIdParam,
    body: { required: true, content: { "application/json": { schema: UpdateLineItem } } },
  },
  responses: {
    200: json(LineItem, "The item after the change"),
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

export const lineItemRoutes = createRouter()
  .openapi(create, async (c) => {
    const input = c.req.valid("json");
    const { item, replayed } = await createLineItem(serviceContext(c, input.actor), {
      workshopId: c.req.valid("param").id,
      item: input,
      idempotency: await idempotencyOf(c, input),
    });
    return replayed ? c.json(item, 200) : c.json(item, 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid("query");
    const items = await listLineItems(serviceContext(c), {
      workshopId: c.req.valid("param").id,
      viewer: q.viewer,
      kind: q.kind,
      status: q.status,
      sessionId: q.sessionId,
      order: q.order,
    });
    if (q.format === "csv")
      return csvAttachment(c, c.req.valid("param").id, "line-items", lineItemsCsv(items));
    return c.json({ items }, 200);
  })
  .openapi(update, async (c) => {
    const update = c.req.valid("json");
    const item = await updateLineItem(serviceContext(c, update.actor), {
      itemId: c.req.valid("param").itemId,
      update,
    });
    return c.json(item, 200);
  });
