import { createRoute, z } from "@hono/zod-openapi";
import { escapeXml } from "../domain/report/escape.js";
import { htmlDocument } from "../domain/report/html.js";
import { createRouter } from "../lib/router.js";

/**
 * The privacy notice and terms of use that a Teams app manifest must link to (`privacyUrl`,
 * `termsOfUseUrl`): Baton serves its own, so `npm run teams:package` can point at them. They say what
 * this deployment stores and how a person gets it exported or erased; the operator is named by
 * `OPERATOR_NAME` / `OPERATOR_CONTACT` when set.
 */
export interface LegalOptions {
  operatorName?: string | undefined;
  operatorContact?: string | undefined;
}

const PAGE = { 200: { description: "The page (HTML)", content: { "text/html": { schema: z.string() } } } };

const privacyRoute = createRoute({
  method: "get",
  path: "/privacy",
  tags: ["health"],
  summary: "Privacy notice (HTML): what Baton stores about chat users and how to have it exported or erased",
  responses: PAGE,
});

const termsRoute = createRoute({
  method: "get",
  path: "/terms",
  tags: ["health"],
  summary: "Terms of use (HTML) of this Baton deployment",
  responses: PAGE,
});

function operator(opts: LegalOptions): string {
  const name = opts.operatorName?.trim() || "the organisation that runs this Baton deployment";
  const contact = opts.operatorContact?.trim();
  return `${escapeXml(name)}${contact ? ` (contact: ${escapeXml(contact)})` : ""}`;
}

export function privacyHtml(opts: LegalOptions): string {
  return htmlDocument({
    title: "Baton — privacy notice",
    main: `<h1>Privacy notice</h1>
<p>Baton runs architecture workshops in Slack and Microsoft Teams. This deployment is operated by ${operator(opts)}, who decides what it is used for.</p>
<h2>What Baton stores</h2>
<ul>
<li>Your chat user id, the workspace or tenant id and your display name, when you use a command, press a button or fill a form.</li>
<li>What you contribute to a workshop: votes and scores, session feedback and its comments, line items, assumptions, risks and SWOT entries you capture (with a link to the chat message they came from), decisions you record, DORA quick-check answers.</li>
<li>An audit entry for every change: who made it, with which token, and when.</li>
</ul>
<p>Baton does not read channel messages other than the commands addressed to it and the messages you choose to capture. It uses no cookies and no trackers.</p>
<h2>How long</h2>
<p>A workshop and everything in it is kept until its facilitators or the operator delete it, or until the retention period the operator set for the client organisation has passed after the workshop ended.</p>
<h2>Your rights</h2>
<p>Ask the operator to export everything Baton holds about you, or to erase it. Erasure removes your name, comments and captured text everywhere, including the audit log; the room's results (tallies, means, the recommendation) stay as anonymous figures that nobody can tie back to you.</p>`,
  });
}

export function termsHtml(opts: LegalOptions): string {
  return htmlDocument({
    title: "Baton — terms of use",
    main: `<h1>Terms of use</h1>
<p>This Baton deployment is provided by ${operator(opts)} to run workshops with its clients. Use it for the workshop you were invited to; what you contribute is shared with that workshop's participants and its facilitators, and becomes part of the workshop's report.</p>
<p>Do not capture secrets or other people's personal data into line items, comments or decisions. Facilitators may correct or remove contributions. The service is provided as is; the operator's agreement with your organisation governs everything else.</p>
<p>See the <a href="/privacy">privacy notice</a> for what is stored and how to have it exported or erased.</p>`,
  });
}

export function legalRoutes(opts: LegalOptions) {
  const router = createRouter();
  router.openapi(privacyRoute, (c) => c.html(privacyHtml(opts)));
  router.openapi(termsRoute, (c) => c.html(termsHtml(opts)));
  return router;
}
