export * from "./agenda-items.js";
export * from "./api-tokens.js";
export * from "./audit-log.js";
export * from "./workshops.js";
