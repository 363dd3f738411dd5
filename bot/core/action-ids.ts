import type { AgendaActionName } from "./types.js";

/** A button's action, as carried in the platform's action id: `agenda:<action>:<workshopId>:<itemId>[:<minutes>]`. */
export interface AgendaButtonAction {
  action: AgendaActionName;
  workshopId: string;
  itemId: string;
  minutes?: number;
}

const ACTIONS = new Set<string>(["start", "next", "back", "pause", "resume", "extend", "skip"]);

export function encodeAction(a: AgendaButtonAction): string {
  return ["agenda", a.action, a.workshopId, a.itemId, ...(a.minutes ? [String(a.minutes)] : [])].join(":");
}

export function decodeAction(id: string): AgendaButtonAction | null {
  const [prefix, action, workshopId, itemId, minutes] = id.split(":");
  if (prefix !== "agenda" || !action || !ACTIONS.has(action) || !workshopId || !itemId) return null;
  const decoded: AgendaButtonAction = { action: action as AgendaActionName, workshopId, itemId };
  if (minutes !== undefined) {
    const n = Number(minutes);
    if (!Number.isInteger(n) || n < 1) return null;
    decoded.minutes = n;
  }
  return decoded;
}
