import { TeamsInfo, type TurnContext } from "botbuilder";

/**
 * Teams draws per-user views (an Adaptive Card's `refresh`) for at most 60 people: the card lists their
 * MRIs in `refresh.userIds`. Above that, Baton posts the shared card alone.
 */
export const MAX_REFRESH_USERS = 60;

/** Someone in a Teams conversation: `id` is their MRI ("29:…"), which `refresh.userIds` needs. */
export interface RosterMember {
  id: string;
  aadObjectId?: string | undefined;
  name?: string | undefined;
}

/** Who is in the conversation of `context`. Injectable, so tests can supply a roster. */
export type RosterLookup = (context: TurnContext) => Promise<RosterMember[]>;

const PAGE_SIZE = 100;

/**
 * The members through TeamsInfo.getPagedMembers (the team's roster in a channel, the chat's otherwise),
 * page after page, stopping once there are more than MAX_REFRESH_USERS: beyond that only "too many"
 * matters.
 */
export const teamsRoster: RosterLookup = async (context) => {
  const members: RosterMember[] = [];
  let token: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, PAGE_SIZE, token);
    for (const m of page.members ?? []) members.push({ id: m.id, aadObjectId: m.aadObjectId, name: m.name });
    token = page.continuationToken || undefined;
  } while (token && members.length <= MAX_REFRESH_USERS);
  return members;
};

export interface RosterCacheOptions {
  lookup?: RosterLookup;
  /** How long a roster is reused, so votes and refreshes do not fetch it (default 5 minutes). */
  ttlMs?: number;
  /** How long a failed lookup is remembered as "no roster" before it is tried again (default 1 minute). */
  failureTtlMs?: number;
  now?: () => number;
}

/** The channel a conversation id belongs to: a channel thread's id carries ";messageid=…". */
export function conversationKey(conversationId: string): string {
  return conversationId.split(";")[0] ?? conversationId;
}

/**
 * Rosters per conversation, cached for a few minutes. A lookup that fails counts as "no roster" (the
 * shared card alone) for a minute; concurrent asks for one conversation share one lookup.
 */
export class RosterCache {
  private readonly entries = new Map<string, { members: RosterMember[] | null; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<RosterMember[] | null>>();
  private readonly lookup: RosterLookup;
  private readonly now: () => number;

  constructor(private readonly opts: RosterCacheOptions = {}) {
    this.lookup = opts.lookup ?? teamsRoster;
    this.now = opts.now ?? Date.now;
  }

  /**
   * The MRIs to name in a card's `refresh.userIds` for the conversation of `context`, or null when the
   * card should be shared only: more than MAX_REFRESH_USERS members, none, or no roster to be had.
   */
  async audience(context: TurnContext): Promise<string[] | null> {
    const members = await this.members(context);
    if (!members || members.length === 0 || members.length > MAX_REFRESH_USERS) return null;
    return members.map((m) => m.id);
  }

  private async members(context: TurnContext): Promise<RosterMember[] | null> {
    const key = conversationKey(context.activity.conversation?.id ?? "");
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.members;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const load = this.lookup(context)
      .then((members) => {
        this.entries.set(key, { members, expiresAt: this.now() + (this.opts.ttlMs ?? 5 * 60_000) });
        return members;
      })
      .catch(() => {
        this.entries.set(key, { members: null, expiresAt: this.now() + (this.opts.failureTtlMs ?? 60_000) });
        return null;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, load);
    return load;
  }
}
