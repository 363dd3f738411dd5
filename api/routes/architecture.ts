import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { unionAwareHook } from "../lib/union-issues.js";
import type { Actor } from "../schemas/agenda.js";
import {
  ArchitectureFormat,
  ArchKey,
  Environments,
  PutEnvironments,
  PutItemComponents,
  PutUseCase,
  Sizing,
  SizingQuery,
  UseCase,
  UseCaseList,
} from "../schemas/architecture.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import {
  environmentsDiagram,
  getEnvironments,
  linkItemComponents,
  replaceEnvironments,
} from "../services/environments.js";
import {
  deleteUseCase,
  getUseCase,
  listUseCases,
  putUseCase,
  sizeStoredUseCase,
  useCaseDiagram,
} from "../services/use-cases.js";

const readers = () => requireRole("facilitator", "pm", "bot");
/** As for the plan: a bot writes for a person who facilitates the workshop (`actor`). */
const writers = () => requireRole("facilitator", "bot");

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const mermaid = (description: string) => ({
  description,
  content: {
    "application/json": { schema: z.unknown() },
    "text/vnd.mermaid": { schema: z.string().openapi({ description: "A Mermaid flowchart" }) },
  },
});

const FormatQuery = z.object({ format: ArchitectureFormat });
const UseCaseParams = IdParam.extend({ key: ArchKey.openapi({ param: { name: "key", in: "path" } }) });
const ItemParams = IdParam.extend({ itemId: z.uuid().openapi({ param: { name: "itemId", in: "path" } }) });
const ActorQuery = z.object({
  actor: z
    .string()
    .regex(/^(slack|teams|console|api):.{1,200}$/, {
      message: "must be <platform>:<userId>, e.g. slack:U123",
    })
    .optional()
    .openapi({
      param: { name: "actor", in: "query" },
      description: "For bot tokens: the facilitator it acts for (`slack:U123`)",
    }),
});

function actorFrom(value: string | undefined): Actor | null {
  if (!value) return null;
  const at = value.indexOf(":");
  return { platform: value.slice(0, at) as Actor["platform"], userId: value.slice(at + 1), displayName: "" };
}

const putEnvironments = createRoute({
  method: "put",
  path: "/workshops/{id}/environments",
  tags: ["architecture"],
  summary: "Replace the workshop's environments and their components (facilitator, bot)",
  description:
    "The strawman deployment architecture: dev, test, pre-prod and prod with availability, RPO/RTO, regions " +
    "and components (brokers, controllers, Schema Registry, Connect, monitoring, … with product and count). " +
    "The same environments again change nothing. Audited (`environments.replace`).",
  security: bearer,
  middleware: [writers()] as const,
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: PutEnvironments } } },
  },
  responses: {
    200: json(Environments, "The environments and the line items mapped onto their components"),
    400: errors[400],
    403: authErrors[403],
    401: authErrors[401],
    404: errors[404],
  },
});

const getEnvs = createRoute({
  method: "get",
  path: "/workshops/{id}/environments",
  tags: ["architecture"],
  summary: "The workshop's environments, as JSON or a Mermaid flowchart (facilitator, pm, bot)",
  security: bearer,
  middleware: [readers()] as const,
  request: { params: IdParam, query: FormatQuery },
  responses: {
    200: mermaid("The environments (`Environments`), or with `?format=mermaid` one subgraph per environment"),
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const putItemComponents = createRoute({
  method: "put",
  path: "/workshops/{id}/items/{itemId}/components",
  tags: ["architecture"],
  summary: "Map a line item onto environment components (facilitator, bot)",
  description:
    "Replaces the item's links; `[]` removes them. Each is `environment.component` or a component key (that " +
    "component in every environment). An unknown component is refused (422) by name. Audited (`item.components.set`).",
  security: bearer,
  middleware: [writers()] as const,
  request: {
    params: ItemParams,
    body: { required: true, content: { "application/json": { schema: PutItemComponents } } },
  },
  responses: {
    200: json(Environments, "The environments with every item's links"),
    400: errors[400],
    404: errors[404],
    422: errors[422],
    ...authErrors,
  },
});

const putCase = createRoute({
  method: "put",
  path: "/workshops/{id}/use-cases/{key}",
  tags: ["architecture"],
  summary: "Create or replace a use case's data-flow model (facilitator, bot)",
  description:
    "Producers → topics → consumer groups with rates, message size, record key and its distribution, retention, " +
    "replication, format and compatibility, and the delivery semantics. A producer or consumer of a topic not " +
    "listed is refused (422) by name. Topics default to replicationFactor 3, retentionHours 168, cleanupPolicy " +
    "delete. Idempotent: the same model again changes nothing. Audited (`usecase.create`, `usecase.replace`).",
  security: bearer,
  middleware: [writers()] as const,
  request: {
    params: UseCaseParams,
    body: { required: true, content: { "application/json": { schema: PutUseCase } } },
  },
  responses: {
    200: json(UseCase, "Replaced (or unchanged)"),
    201: json(UseCase, "Created"),
    400: errors[400],
    404: errors[404],
    422: errors[422],
    ...authErrors,
  },
});

const getCase = createRoute({
  method: "get",
  path: "/workshops/{id}/use-cases/{key}",
  tags: ["architecture"],
  summary: "A use case, as JSON or a Mermaid flowchart (facilitator, pm, bot)",
  security: bearer,
  middleware: [readers()] as const,
  request: { params: UseCaseParams, query: FormatQuery },
  responses: {
    200: mermaid("The use case (`UseCase`), or with `?format=mermaid` producers → topics → consumer groups"),
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const listCases = createRoute({
  method: "get",
  path: "/workshops/{id}/use-cases",
  tags: ["architecture"],
  summary: "The workshop's use cases by key (facilitator, pm, bot)",
  security: bearer,
  middleware: [readers()] as const,
  request: { params: IdParam },
  responses: { 200: json(UseCaseList, "Use cases"), 400: errors[400], 404: errors[404], ...authErrors },
});

const deleteCase = createRoute({
  method: "delete",
  path: "/workshops/{id}/use-cases/{key}",
  tags: ["architecture"],
  summary: "Delete a use case (facilitator, bot)",
  description: "Idempotent: deleting a use case that is gone answers 204 again. Audited (`usecase.delete`).",
  security: bearer,
  middleware: [writers()] as const,
  request: { params: UseCaseParams, query: ActorQuery },
  responses: { 204: { description: "Deleted" }, 400: errors[400], 404: errors[404], ...authErrors },
});

const sizing = createRoute({
  method: "get",
  path: "/workshops/{id}/use-cases/{key}/sizing",
  tags: ["architecture"],
  summary:
    "Kafka sizing of a use case: partitions, storage, network, brokers, hot partitions, client settings",
  description:
    "Every figure by a fixed formula (see docs/architecture-model.md), each with the term that decided it and the " +
    "formula with its numbers. Any assumption can be overridden as a query parameter of the same name " +
    "(`?brokerDiskGB=8000&utilisation=0.5`); the answer echoes all of them and names those overridden.",
  security: bearer,
  middleware: [readers()] as const,
  request: { params: UseCaseParams, query: SizingQuery },
  responses: { 200: json(Sizing, "The sizing"), 400: errors[400], 404: errors[404], ...authErrors },
});

const MERMAID_TYPE = "text/vnd.mermaid; charset=utf-8";

export const architectureRoutes = createRouter()
  .openapi(putEnvironments, async (c) => {
    const body = c.req.valid("json");
    const ctx = serviceContext(c, body.actor);
    return c.json(await replaceEnvironments(ctx, { ...body, workshopId: c.req.valid("param").id }), 200);
  })
  .openapi(getEnvs, async (c) => {
    const ctx = serviceContext(c);
    const input = { workshopId: c.req.valid("param").id };
    if (c.req.valid("query").format === "mermaid") {
      return c.body(await environmentsDiagram(ctx, input), 200, { "Content-Type": MERMAID_TYPE });
    }
    return c.json(await getEnvironments(ctx, input), 200);
  })
  .openapi(putItemComponents, async (c) => {
    const body = c.req.valid("json");
    const { id, itemId } = c.req.valid("param");
    return c.json(
      await linkItemComponents(serviceContext(c, body.actor), { ...body, workshopId: id, itemId }),
      200,
    );
  })
  .openapi(
    putCase,
    async (c) => {
      const body = c.req.valid("json");
      const { id, key } = c.req.valid("param");
      const { useCase, created } = await putUseCase(serviceContext(c, body.actor), {
        ...body,
        workshopId: id,
        key,
      });
      return created ? c.json(useCase, 201) : c.json(useCase, 200);
    },
    unionAwareHook,
  )
  .openapi(getCase, async (c) => {
    const { id, key } = c.req.valid("param");
    const ctx = serviceContext(c);
    if (c.req.valid("query").format === "mermaid") {
      return c.body(await useCaseDiagram(ctx, { workshopId: id, key }), 200, {
        "Content-Type": MERMAID_TYPE,
      });
    }
    return c.json(await getUseCase(ctx, { workshopId: id, key }), 200);
  })
  .openapi(listCases, async (c) =>
    c.json({ useCases: await listUseCases(serviceContext(c), { workshopId: c.req.valid("param").id }) }, 200),
  )
  .openapi(deleteCase, async (c) => {
    const { id, key } = c.req.valid("param");
    await deleteUseCase(serviceContext(c, actorFrom(c.req.valid("query").actor)), { workshopId: id, key });
    return c.body(null, 204);
  })
  .openapi(sizing, async (c) => {
    const { id, key } = c.req.valid("param");
    const q = c.req.valid("query");
    const assumptions = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
    return c.json(await sizeStoredUseCase(serviceContext(c), { workshopId: id, key, assumptions }), 200);
  });
