import { createRouter } from "../lib/router.js";
import { decisionRoutes } from "./decisions.js";
import { outputRoutes } from "./outputs.js";
import { reviewRoutes } from "./review.js";
import { skillsCostsRoutes } from "./skills-costs.js";
import { swotRoutes } from "./swot.js";

/** The room's outputs (outputs, review, SWOT, decisions, skills, costs), mounted under /v1 as one. */
export const roomOutputRoutes = createRouter()
  .route("/", outputRoutes)
  .route("/", reviewRoutes)
  .route("/", swotRoutes)
  .route("/", decisionRoutes)
  .route("/", skillsCostsRoutes);
