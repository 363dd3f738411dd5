import { z } from "@hono/zod-openapi";
import { AuditEntry } from "./audit.js";

export const PersonRef = z
  .object({
    platform: z
      .enum(["slack", "teams", "console"])
      .openapi({ param: { name: "platform", in: "path" }, description: "Where the person is" }),
    workspaceId: z
      .string()
      .min(1)
      .max(200)
      .openapi({
        param: { name: "workspaceId", in: "path" },
        description: "Slack team id (`T…`) or Teams tenant id",
        example: "T0123",
      }),
    userId: z
      .string()
      .min(1)
      .max(200)
      .openapi({
        param: { name: "userId", in: "path" },
        description: "The platform's user id",
        example: "U0456",
      }),
  })
  .openapi("PersonRef");
export type PersonRef = z.infer<typeof PersonRef>;

const Json = z.record(z.string(), z.unknown());

export const PersonExport = z
  .object({
    person: PersonRef,
    labels: z.array(z.string()).openapi({ description: "The forms the person is stored under" }),
    exportedAt: z.iso.datetime(),
    votes: z.array(
      z.object({
        pollId: z.uuid(),
        workshopId: z.uuid(),
        pollTitle: z.string(),
        anonymous: z.boolean(),
        view: z.string().nullable(),
        option: z.string(),
        factor: z.string(),
        value: z.number().int(),
        voterName: z.string(),
        votedAt: z.iso.datetime(),
      }),
    ),
    feedback: z.array(
      z.object({
        workshopId: z.uuid(),
        sessionId: z.uuid(),
        rating: z.number().int().nullable(),
        comment: z.string().nullable(),
        updatedAt: z.iso.datetime(),
      }),
    ),
    lineItems: z.array(
      z.object({
        id: z.uuid(),
        workshopId: z.uuid(),
        kind: z.string(),
        text: z.string(),
        priority: z.string().nullable(),
        timeframe: z.string().nullable(),
        authorName: z.string(),
        source: Json.nullable(),
        createdAt: z.iso.datetime(),
      }),
    ),
    facilitatorRoles: z.array(
      z.object({ workshopId: z.uuid(), displayName: z.string(), addedAt: z.iso.datetime() }),
    ),
    surveyAnswers: z.array(
      z.object({
        workshopId: z.uuid(),
        respondent: z.string(),
        displayName: z.string().nullable(),
        answers: z.record(z.string(), z.string().nullable()),
      }),
    ),
    pollsCreated: z.array(z.object({ id: z.uuid(), workshopId: z.uuid(), title: z.string() })),
    agendaActions: z.array(z.object({ workshopId: z.uuid(), action: z.string(), at: z.iso.datetime() })),
    channelBindings: z.array(
      z.object({
        id: z.uuid(),
        workshopId: z.uuid(),
        platform: z.string(),
        channelId: z.string(),
        createdBy: z.string(),
        conversationRef: Json.nullable(),
      }),
    ),
    scheduledMessages: z
      .array(z.object({ id: z.uuid(), workshopId: z.uuid(), kind: z.string(), actor: Json.nullable() }))
      .openapi({
        description:
          "Chat messages still to post that remember them (the wrap-up names who ended the workshop)",
      }),
    audit: z.array(AuditEntry),
    swotEntries: z.array(
      z.object({
        id: z.uuid(),
        workshopId: z.uuid(),
        option: z.string(),
        quadrant: z.string(),
        text: z.string(),
        authorName: z.string(),
        createdAt: z.iso.datetime(),
      }),
    ),
    decisions: z
      .array(
        z.object({
          id: z.uuid(),
          workshopId: z.uuid(),
          view: z.string(),
          option: z.string(),
          rationale: z.string(),
          decidedByName: z.string(),
          updatedAt: z.iso.datetime(),
        }),
      )
      .openapi({ description: "Decisions they recorded" }),
    outputsUpdated: z
      .array(
        z.object({
          id: z.uuid(),
          workshopId: z.uuid(),
          title: z.string(),
          status: z.string(),
          updatedAt: z.iso.datetime(),
        }),
      )
      .openapi({ description: "Session outputs whose status they changed last" }),
    reviews: z
      .array(
        z.object({
          itemId: z.uuid(),
          workshopId: z.uuid(),
          outcome: z.string().nullable(),
          reviewedAt: z.iso.datetime().nullable(),
        }),
      )
      .openapi({ description: "Line items they reviewed" }),
    ownedItems: z
      .array(
        z.object({
          id: z.uuid(),
          workshopId: z.uuid(),
          kind: z.string(),
          text: z.string(),
          owner: z.string(),
        }),
      )
      .openapi({ description: "RAID items whose owner names them" }),
    useCases: z.array(z.object({ id: z.uuid(), workshopId: z.uuid(), key: z.string(), title: z.string() })),
    matrices: z
      .array(
        z.object({
          workshopId: z.uuid(),
          kind: z.string(),
          updatedBy: z.string(),
          input: Json,
          updatedAt: z.iso.datetime(),
        }),
      )
      .openapi({ description: "Skills matrices and cost tables they last changed or that name them" }),
    workPackages: z
      .array(z.object({ workshopId: z.uuid(), key: z.string(), title: z.string(), owner: z.string() }))
      .openapi({ description: "Plan work packages whose owner names them" }),
    links: z
      .array(
        z.object({
          kind: z.enum(["shareLink", "roadmapFeed"]),
          id: z.uuid(),
          workshopId: z.uuid(),
          name: z.string().nullable(),
          createdAt: z.iso.datetime(),
        }),
      )
      .openapi({ description: "Share links and roadmap feeds they created (never their secrets)" }),
  })
  .openapi("PersonExport");
export type PersonExport = z.infer<typeof PersonExport>;

export const ErasureResult = z
  .object({
    erasedAt: z.iso.datetime(),
    counts: z.record(z.string(), z.number().int()).openapi({ description: "Rows changed, per kind" }),
  })
  .openapi("ErasureResult");
export type ErasureResult = z.infer<typeof ErasureResult>;
