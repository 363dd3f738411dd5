/**
 * The parts of the API's poll, line item and feedback answers the chat core reads (schemas `Poll`,
 * `CastVotesResult`, `LineItem`, `MyFeedback`, `FeedbackSummary`), written out here because bot/core
 * may not import the API's internals. The API client assigns the typed JSON to these, so tsc checks
 * that the two agree.
 */

export type PollKind = "scorecard" | "relevance" | "choice";
export type PollScale = "lmh" | "1-5" | "choice";
export type PollState = "open" | "revealed" | "closed";
export type Lmh = "L" | "M" | "H";
export type VoteValue = Lmh | number | boolean;

export interface PollOption {
  key: string;
  label: string;
}

export interface PollFactor {
  key: string;
  name: string;
  polarity: "higher-is-better" | "lower-is-better";
  weight: number;
}

export interface PollVoter {
  platform: string;
  userId: string;
  displayName: string;
}

export interface ScorecardCellView {
  option: string;
  factor: string;
  counts: Record<Lmh, number>;
  votes: number;
  mean: number | null;
  score: number | null;
  disagreement: boolean;
}

export interface ScorecardResult {
  view: string | null;
  cells: ScorecardCellView[];
  options: {
    option: string;
    label: string;
    score: number | null;
    rank: number | null;
    votes: number;
    coverage: number;
  }[];
  recommended: { option: string; label: string; score: number; gaps: string[]; unscored: string[] }[];
  tie: boolean;
  /** How much the recommendation rests on; `note` says so in words when it is `thin`. */
  evidence: { scoredFactors: number; factors: number; minCellVotes: number; thin: boolean; note: string };
}

export type PollResults =
  | { kind: "scorecard"; views: ScorecardResult[] }
  | {
      kind: "relevance";
      scale: "lmh" | "1-5";
      ranking: {
        option: string;
        label: string;
        votes: number;
        counts: Record<string, number>;
        mean: number | null;
        normalized: number | null;
        rank: number | null;
      }[];
    }
  | {
      kind: "choice";
      voters: number;
      tallies: { option: string; label: string; count: number; share: number; rank: number | null }[];
    };

/** One of the viewer's own votes (`myVotes` of a poll read with a viewer). */
export interface MyVote {
  option: string;
  factor: string;
  view: string | null;
  value: VoteValue;
}

export interface PollView {
  id: string;
  workshopId: string;
  sessionId: string | null;
  kind: PollKind;
  title: string;
  options: PollOption[];
  factors: PollFactor[];
  views: string[];
  scale: PollScale;
  multiple: boolean;
  anonymous: boolean;
  blind: boolean;
  state: PollState;
  closesAt: string | null;
  revealedAt: string | null;
  closedAt: string | null;
  voterCount: number;
  voters: PollVoter[] | null;
  optionVoters: { option: string; view: string | null; voterCount: number; voters: PollVoter[] | null }[];
  talliesVisible: boolean;
  results: PollResults | null;
  /** Read with a viewer: their own votes; null for the room's view. */
  myVotes: MyVote[] | null;
  /** Read with a viewer: whether they facilitate the workshop; null for the room's view. */
  viewerFacilitates: boolean | null;
  messages: { platform: string; channelId: string; ref: Record<string, unknown> }[];
}

export interface NewPoll {
  kind: PollKind;
  title?: string;
  options?: string[];
  scale?: "lmh" | "1-5";
  multiple?: boolean;
  views?: string[];
  anonymous?: boolean;
  blind?: boolean;
  closesInMinutes?: number;
}

export interface VoteInput {
  option: string;
  factor?: string;
  view?: string;
  value: VoteValue;
}

export interface CastVotesResult {
  pollId: string;
  votes: {
    option: string;
    optionLabel: string;
    factor: string;
    factorName: string;
    view: string | null;
    value: VoteValue;
  }[];
  closesAt: string | null;
}

export type LineItemKind =
  | "requirement"
  | "assumption"
  | "risk"
  | "decision"
  | "gap"
  | "issue"
  | "dependency";
export type Priority = "low" | "medium" | "high";

export interface NewLineItem {
  kind: LineItemKind;
  text: string;
  priority?: Priority;
  timeframe?: string;
  /** The RAID register's owner: a name or a chat mention. */
  owner?: string;
  /** A due date as people say it (`friday`, `2026-12-20`, `end of April`), resolved by the API. */
  by?: string;
  source?: {
    platform: "slack" | "teams" | "console" | "api";
    channelId?: string;
    messageRef?: string;
    url?: string;
    author?: string;
  };
}

export interface LineItemView {
  id: string;
  kind: LineItemKind;
  text: string;
  priority: Priority | null;
  timeframe: string | null;
  sessionTitle: string | null;
  author: PollVoter;
  owner: string | null;
  /** YYYY-MM-DD, in the workshop's zone. */
  dueDate: string | null;
  overdue: boolean;
  status: "open" | "validated" | "invalidated" | "mitigated" | "closed";
  review: { outcome: "validated" | "invalidated" | "deferred"; at: string; by: string } | null;
}

export interface MyFeedback {
  sessionId: string;
  sessionTitle: string;
  rating: number | null;
  comment: string | null;
}
