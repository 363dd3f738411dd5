import { warning } from "../messages.js";
import type { SkillsView } from "../outputs-types.js";
import type { ChatCommand } from "../registry.js";
import type { Reply, WorkshopSummary } from "../types.js";
import { helpReply, NOT_BOUND } from "./help.js";

const LEVEL = ["none", "aware", "practitioner", "expert"];
const level = (n: number) => `${LEVEL[n] ?? n} (${n})`;

/** `/skills`: the skills matrix's gaps against the target, read-only (it is edited through the API). */
export const skillsCommand: ChatCommand = {
  name: "skills",
  summary: "the skills gaps: who falls short of the target level in each skill",
  help: [
    "`/skills` — each skill's target, the best level anyone has and who falls short (levels: 0 none, 1 aware, 2 practitioner, 3 expert)",
    "Read-only in chat: the matrix is entered through the API (`PUT /v1/workshops/{id}/skills`: people, skills, levels, target)",
  ],
  async run(ctx, text, core) {
    if (text.trim()) return helpReply(core, ctx, "skills");
    const workshop = await core.boundWorkshop(ctx);
    if (!workshop) return warning(NOT_BOUND);
    return skillsReply(await core.api.getSkills(workshop.id), workshop);
  },
};

function skillsReply(skills: SkillsView, workshop: WorkshopSummary): Reply {
  if (!skills.people.length || !skills.skills.length)
    return {
      visibility: "ephemeral",
      text: `No skills matrix yet for "${workshop.name}". A facilitator adds it through the API: \`PUT /v1/workshops/${workshop.id}/skills\` with the people, the skills, their levels 0–3 and the target.`,
    };
  const short = skills.gaps.filter((g) => g.gap > 0);
  const people = skills.people.length === 1 ? "1 person" : `${skills.people.length} people`;
  return {
    visibility: "ephemeral",
    text: `Skills of ${people} in "${workshop.name}" against the target: ${
      short.length
        ? `${short.length === 1 ? "1 skill" : `${short.length} skills`} short (${short.map((g) => g.skill).join(", ")}).`
        : "no gaps."
    }`,
    sections: skills.gaps.map((g) => {
      const meeting = `${g.meeting} of ${people} at the target`;
      const behind = g.shortfalls.length
        ? `\nBelow it: ${g.shortfalls.map((s) => `${s.name} ${LEVEL[s.level] ?? s.level} (${s.short} short)`).join(", ")}.`
        : "";
      return {
        title: g.skill,
        text:
          g.gap > 0
            ? `⚠ ${g.gap === 1 ? "1 level" : `${g.gap} levels`} short: the target is ${level(g.target)}, the best anyone has is ${level(g.best)}; ${meeting}.${behind}`
            : `✅ Target ${level(g.target)} met; ${meeting}.${behind}`,
      };
    }),
  };
}
