import type { Attachment } from "botbuilder";
import type { Reply } from "../core/types.js";

/** Adaptive Cards 1.4: the first version with Action.Execute (Universal Actions). */
const CARD_VERSION = "1.4";

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: string;
  body: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
}

/** A neutral reply as an Adaptive Card; buttons are Action.Execute whose verb is the core's action id. */
export function renderCard(reply: Reply): AdaptiveCard {
  const body: Record<string, unknown>[] = [
    {
      type: "TextBlock",
      text: (reply.tone === "warning" ? "⚠️ " : "") + reply.text,
      wrap: true,
      weight: "Bolder",
      ...(reply.tone === "warning" ? { color: "Warning" } : {}),
    },
  ];
  for (const s of reply.sections ?? []) {
    if (s.title)
      body.push({ type: "TextBlock", text: s.title, wrap: true, weight: "Bolder", spacing: "Medium" });
    if (s.fields?.length)
      body.push({ type: "FactSet", facts: s.fields.map((f) => ({ title: f.label, value: f.value })) });
    if (s.text) body.push({ type: "TextBlock", text: s.text, wrap: true });
  }
  const card: AdaptiveCard = {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: CARD_VERSION,
    body,
  };
  if (reply.buttons?.length) {
    card.actions = reply.buttons.map((b) => ({
      type: "Action.Execute",
      title: b.label,
      verb: b.actionId,
      data: { actionId: b.actionId },
      ...(b.style === "primary"
        ? { style: "positive" }
        : b.style === "danger"
          ? { style: "destructive" }
          : {}),
    }));
  }
  return card;
}

export function cardAttachment(reply: Reply): Attachment {
  return { contentType: "application/vnd.microsoft.card.adaptive", content: renderCard(reply) };
}
