import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { Actor } from "../schemas/agenda.js";
import { BindChannel, ChannelBinding, ChannelParams } from "../schemas/channel.js";
import { authErrors, bearer, errors } from "../schemas/common.js";
import { bindChannel, getBinding, unbindChannel } from "../services/channels.js";

const path = "/channels/{platform}/{channelId}/binding";

const get = createRoute({
  method: "get",
  path,
  tags: ["channels"],
  summary: "Which workshop a chat channel follows",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: ChannelParams },
  responses: {
    200: { description: "The binding", content: { "application/json": { schema: ChannelBinding } } },
    404: errors[404],
    ...authErrors,
  },
});

const put = createRoute({
  method: "put",
  path,
  tags: ["channels"],
  summary: "Make a chat channel follow a workshop (its timers post there)",
  description:
    "Replaces what the channel followed before. The first person to bind a workshop with no facilitators becomes one.",
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    params: ChannelParams,
    body: { required: true, content: { "application/json": { schema: BindChannel } } },
  },
  responses: {
    200: { description: "The binding", content: { "application/json": { schema: ChannelBinding } } },
    400: errors[400],
    403: authErrors[403],
    404: errors[404],
    401: authErrors[401],
  },
});

const del = createRoute({
  method: "delete",
  path,
  tags: ["channels"],
  summary: "Stop a channel following its workshop",
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    params: ChannelParams,
    body: { content: { "application/json": { schema: z.object({ actor: Actor.optional() }) } } },
  },
  responses: {
    204: { description: "Unbound" },
    404: errors[404],
    ...authErrors,
  },
});

export const channelRoutes = createRouter()
  .openapi(get, async (c) => c.json(await getBinding(serviceContext(c), c.req.valid("param")), 200))
  .openapi(put, async (c) => {
    const binding = c.req.valid("json");
    return c.json(
      await bindChannel(serviceContext(c, binding.actor), { ...c.req.valid("param"), binding }),
      200,
    );
  })
  .openapi(del, async (c) => {
    await unbindChannel(serviceContext(c, c.req.valid("json").actor), c.req.valid("param"));
    return c.body(null, 204);
  });
