import * as z from "zod/mini";
import { isLocalDateTime } from "~/modules/awards/procedure.schema";
import { UUID_PATTERN } from "./author.schema";

// Forms of the manuscript workflow: the author's text, the editors' comments and actions, and the
// assignment forms. Messages are translation keys.

export const MANUSCRIPT_MAX = 100_000;
export const COMMENT_MAX = 5000;

const formId = z.optional(z.string());
const uuid = z.string().check(z.refine((v) => UUID_PATTERN.test(v), { error: "bookWriting.errors.choice" }));

/** The author's text; `intent` is "save" or "submit" (the two buttons of one form). */
export const ManuscriptSchema = z.object({
  formId,
  intent: z._default(z.enum(["save", "submit"], { error: "errors.badRequest" }), "save"),
  body: z._default(z.string().check(z.maxLength(MANUSCRIPT_MAX, { error: "bookWriting.errors.textLong" })), ""),
});
export type ManuscriptInput = z.infer<typeof ManuscriptSchema>;

const comment = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, { error: "bookWriting.errors.commentRequired" }),
    z.maxLength(COMMENT_MAX, { error: "bookWriting.errors.commentLong" }),
  );

export const CommentSchema = z.object({ formId, versionId: uuid, body: comment });
export type CommentInput = z.infer<typeof CommentSchema>;

export const ReturnSchema = z.object({ formId, body: comment });
export type ReturnInput = z.infer<typeof ReturnSchema>;

export const EDITOR_ACTIONS = ["startEdit", "makeFinal", "reopen", "publish", "unpublish"] as const;
export type EditorAction = (typeof EDITOR_ACTIONS)[number];
export const EditorActionSchema = z.object({ formId, action: z.enum(EDITOR_ACTIONS, { error: "errors.badRequest" }) });

export const AssignSchema = z.object({
  formId,
  proposalId: uuid,
  userId: z.string().check(z.refine((v) => UUID_PATTERN.test(v), { error: "bookWriting.errors.chooseAuthor" })),
  dueAt: z._default(
    z.string().check(
      z.trim(),
      z.refine((v) => v === "" || isLocalDateTime(v), { error: "bookWriting.errors.datetime" }),
    ),
    "",
  ),
});
export type AssignInput = z.infer<typeof AssignSchema>;

export const ProposalIdSchema = z.object({ formId, proposalId: uuid });

export const MANUSCRIPT_STATUSES = ["assigned", "submitted", "in_edit", "returned", "final"] as const;
export type ManuscriptStatusName = (typeof MANUSCRIPT_STATUSES)[number];
