import type { App } from "@slack/bolt";
import type { Core } from "../../core/agenda.js";
import type { RelayLogger } from "../../core/relay.js";
import { registerActions } from "./actions.js";
import { registerCommands, registerPlanCommand } from "./commands.js";

export interface SlackListenerDeps {
  logger: RelayLogger;
}

export function registerListeners(app: App, core: Core, deps: SlackListenerDeps): void {
  registerCommands(app, core, deps);
  registerPlanCommand(app, core, deps);
  registerActions(app, core, deps);
}
