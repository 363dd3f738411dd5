import type { webApi } from "@slack/bolt";
import type { Member } from "../core/types.js";

export interface MemberDirectoryOptions {
  /** How long a channel's member list is kept. */
  channelTtlMs?: number;
  /** How long a person's name is kept. */
  userTtlMs?: number;
  /** Channels bigger than this get no "not yet" list (it would be long and cost a look-up per person). */
  maxMembers?: number;
  now?: () => number;
}

/**
 * Who is in a channel, for "not yet voted": `conversations.members` (cached per channel for a minute)
 * and each person's name from `users.info` (cached for an hour). Bots, deleted users and Baton itself
 * are left out. `null` when Slack will not say (a missing scope, a big channel): cards then show only
 * who has voted.
 */
export class SlackMembers {
  private readonly channels = new Map<string, { at: number; members: Promise<Member[] | null> }>();
  private readonly users = new Map<string, { at: number; user: Promise<Member | null> }>();
  private self: Promise<string | undefined> | undefined;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly opts: MemberDirectoryOptions = {},
  ) {}

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  list(channelId: string): Promise<Member[] | null> {
    const hit = this.channels.get(channelId);
    if (hit && this.now() - hit.at < (this.opts.channelTtlMs ?? 60_000)) return hit.members;
    const members = this.load(channelId);
    this.channels.set(channelId, { at: this.now(), members });
    return members;
  }

  private async load(channelId: string): Promise<Member[] | null> {
    try {
      this.self ??= this.client.auth
        .test()
        .then((r) => r.user_id)
        .catch(() => undefined);
      const self = await this.self;
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.client.conversations.members({
          channel: channelId,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        ids.push(...(page.members ?? []));
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor && ids.length <= (this.opts.maxMembers ?? 200));
      if (ids.length > (this.opts.maxMembers ?? 200)) return null;
      const people = await Promise.all(ids.filter((id) => id !== self).map((id) => this.user(id)));
      return people.filter((p): p is Member => p !== null);
    } catch {
      this.channels.delete(channelId);
      return null;
    }
  }

  private user(id: string): Promise<Member | null> {
    const hit = this.users.get(id);
    if (hit && this.now() - hit.at < (this.opts.userTtlMs ?? 3_600_000)) return hit.user;
    const user = this.client.users
      .info({ user: id })
      .then((r) => {
        const u = r.user;
        if (!u || u.is_bot || u.deleted || id === "USLACKBOT") return null;
        return { userId: id, displayName: u.profile?.display_name || u.real_name || u.name || id };
      })
      .catch(() => ({ userId: id, displayName: id }));
    this.users.set(id, { at: this.now(), user });
    return user;
  }
}
