export * from "./agenda-items.js";
export * from "./api-tokens.js";
export * from "./audit-log.js";
export * from "./plans.js";
export * from "./workshops.js";
