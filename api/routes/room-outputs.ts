import { createRouter } from "../lib/router.js";
import { outputRoutes } from "./outputs.js";

/** The room's outputs (outputs, review, SWOT, decisions, skills, costs), mounted under /v1 as one. */
export const roomOutputRoutes = createRouter().route("/", outputRoutes);
