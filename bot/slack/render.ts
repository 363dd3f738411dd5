import type { types } from "@slack/bolt";
import type { Reply } from "../core/types.js";

type KnownBlock = types.KnownBlock;

/** Slack mrkdwn escaping for text we did not write (titles, names). */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** A neutral reply as Block Kit: a section per part, buttons in one actions block. */
export function renderBlocks(reply: Reply): { text: string; blocks: KnownBlock[] } {
  const prefix = reply.tone === "warning" ? ":warning: " : "";
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: prefix + escapeMrkdwn(reply.text) } },
  ];
  for (const s of reply.sections ?? []) {
    const text = [s.title ? `*${escapeMrkdwn(s.title)}*` : "", s.text ? escapeMrkdwn(s.text) : ""]
      .filter(Boolean)
      .join("\n");
    const fields = (s.fields ?? []).slice(0, 10).map((f) => ({
      type: "mrkdwn" as const,
      text: `*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`,
    }));
    if (fields.length)
      blocks.push({ type: "section", ...(text ? { text: { type: "mrkdwn", text } } : {}), fields });
    else if (text) blocks.push({ type: "section", text: { type: "mrkdwn", text } });
  }
  if (reply.buttons?.length) {
    blocks.push({
      type: "actions",
      elements: reply.buttons.map((b) => ({
        type: "button",
        text: { type: "plain_text", text: b.label },
        action_id: b.actionId,
        value: b.actionId,
        ...(b.style ? { style: b.style } : {}),
      })),
    });
  }
  return { text: prefix + reply.text, blocks };
}
