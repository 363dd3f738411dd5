export * from "./agenda-actions.js";
export * from "./agenda-items.js";
export * from "./api-tokens.js";
export * from "./audit-log.js";
export * from "./channel-bindings.js";
export * from "./timer-events.js";
export * from "./workshop-facilitators.js";
export * from "./workshops.js";
