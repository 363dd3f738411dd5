import type { App } from "@slack/bolt";
import type { Core } from "../../core/core.js";
import type { RelayLogger } from "../../core/relay.js";
import type { SlackPollCards } from "../poll-cards.js";
import { registerActions } from "./actions.js";
import { registerCommands } from "./commands.js";
import { registerShortcuts } from "./shortcuts.js";
import { registerViews } from "./views.js";

export interface SlackListenerDeps {
  logger: RelayLogger;
  /** Keeps polls' cards up to date after votes. */
  polls?: SlackPollCards;
}

export function registerListeners(app: App, core: Core, deps: SlackListenerDeps): void {
  registerCommands(app, core, deps);
  registerActions(app, core, deps);
  registerShortcuts(app, core, deps);
  registerViews(app, core, deps);
}
