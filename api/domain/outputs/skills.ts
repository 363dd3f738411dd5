/**
 * The skills matrix, pure: people × skills at levels 0–3 (0 none, 1 aware, 2 practitioner, 3 expert)
 * against a target level per skill.
 *
 * Per skill: `best` is the highest level anyone has (0 when nobody is rated), `meeting` how many people
 * are at or above the target, `average` the mean level over all people (an unrated person counts as 0),
 * and `gap` = max(0, target − best): how far the team's strongest person is from the target. A skill
 * without a target has target 0 and never a gap. `people` lists who falls short of the target, with
 * their own shortfall.
 */
export interface SkillsInput {
  people: readonly { name: string; role?: string | undefined }[];
  skills: readonly string[];
  levels: Readonly<Record<string, Readonly<Record<string, number>>>>;
  target: Readonly<Record<string, number>>;
}

export interface SkillGap {
  skill: string;
  target: number;
  best: number;
  average: number;
  meeting: number;
  gap: number;
  shortfalls: { name: string; level: number; short: number }[];
}

export function skillGaps(input: SkillsInput): SkillGap[] {
  return input.skills.map((skill) => {
    const target = input.target[skill] ?? 0;
    const levels = input.people.map((p) => ({ name: p.name, level: input.levels[p.name]?.[skill] ?? 0 }));
    const best = levels.reduce((m, l) => Math.max(m, l.level), 0);
    const sum = levels.reduce((s, l) => s + l.level, 0);
    return {
      skill,
      target,
      best,
      average: levels.length ? sum / levels.length : 0,
      meeting: levels.filter((l) => l.level >= target).length,
      gap: Math.max(0, target - best),
      shortfalls: levels
        .filter((l) => l.level < target)
        .map((l) => ({ name: l.name, level: l.level, short: target - l.level })),
    };
  });
}
