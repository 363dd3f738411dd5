import { type AgendaButtonAction, decodeAction } from "../action-ids.js";
import { agendaAct } from "../agenda.js";
import { defineAction } from "../registry.js";

/** Next, +5 min, Pause on a session's messages: `agenda:<action>:<workshopId>:<itemId>[:<minutes>]`. */
export const agendaAction = defineAction<AgendaButtonAction>({
  prefix: "agenda",
  decode: decodeAction,
  workshopOf: (a) => a.workshopId,
  run: (ctx, a, core) =>
    agendaAct(core, ctx, a.workshopId, a.action, {
      ...(a.minutes ? { minutes: a.minutes } : {}),
      expectCurrentItemId: a.itemId,
    }),
});
