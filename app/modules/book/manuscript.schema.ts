import * as z from "zod/mini";
import { isLocalDateTime } from "~/modules/awards/procedure.schema";
import { UUID_PATTERN } from "./author.schema";

// Forms of the manuscript workflow: the author's text, the editors' comments and actions, and the
// assignment forms. Messages are translation keys.

/** The longest text, in characters as PostgreSQL counts them (code points), after normalizeText. */
export const MANUSCRIPT_MAX = 100_000;
/** What a form may post before normalising (CRLF line ends count twice, astral characters two UTF-16 units). */
const MANUSCRIPT_RAW_MAX = 4 * MANUSCRIPT_MAX;
export const COMMENT_MAX = 5000;

/**
 * Text as stored: line ends unified and letters composed (NFC), so "é" typed as e + accent counts
 * and compares the same as "é". NFC can make a text longer, so limits are checked after this.
 */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, "\n").normalize("NFC");
}

/** The length of a text as PostgreSQL's length() counts it: code points, not UTF-16 units. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const formId = z.optional(z.string());
const uuid = z.string().check(z.refine((v) => UUID_PATTERN.test(v), { error: "bookWriting.errors.choice" }));

/** The author's text; `intent` is "save" or "submit" (the two buttons of one form). */
export const ManuscriptSchema = z.object({
  formId,
  intent: z._default(z.enum(["save", "submit"], { error: "errors.badRequest" }), "save"),
  // Only a bound on the posted size here; the real limit is judged after normalising (saveManuscript).
  body: z._default(z.string().check(z.maxLength(MANUSCRIPT_RAW_MAX, { error: "bookWriting.errors.textLong" })), ""),
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

/** A portrait chosen by a button (remind, unassign): anything but a portrait's id is "no such portrait". */
const NO_SUCH_PORTRAIT = "bookWriting.errors.noSuchPortrait";
export const ProposalIdSchema = z.object({
  formId,
  proposalId: z.string({ error: NO_SUCH_PORTRAIT }).check(z.refine((v) => UUID_PATTERN.test(v), { error: NO_SUCH_PORTRAIT })),
});

export const MANUSCRIPT_STATUSES = ["assigned", "submitted", "in_edit", "returned", "final"] as const;
export type ManuscriptStatusName = (typeof MANUSCRIPT_STATUSES)[number];
