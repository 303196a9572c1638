import * as z from "zod/mini";
import type { Notice } from "~/lib/notice";
import { UUID_RE } from "./proposal.schema";

// The editors' forms on the selection pages. Messages are translation keys.

export const REASON_MIN = 10;
export const REASON_MAX = 1000;

const uuid = z.string().check(z.regex(UUID_RE, { error: "errors.invalidChoice" }));

export const ProposalIdSchema = z.object({ proposalId: uuid });

/** The statuses an editor moves a proposal to with one button. */
export const STATUS_TARGETS = ["proposed", "shortlisted", "selected"] as const;
export type StatusTarget = (typeof STATUS_TARGETS)[number];
/** The notice after an editor moved a proposal (the list and the proposal page say the same). */
export const STATUS_NOTICE: Record<StatusTarget, Notice> = {
  proposed: "bookProposals.notice.proposedAgain",
  shortlisted: "bookProposals.notice.shortlisted",
  selected: "bookProposals.notice.selected",
};
export const StatusSchema = z.object({ proposalId: uuid, status: z.enum(STATUS_TARGETS, { error: "errors.invalidChoice" }) });

export const RejectSchema = z.object({
  proposalId: uuid,
  reason: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: "errors.required" }),
      z.minLength(REASON_MIN, { error: "bookProposals.errors.reasonShort" }),
      z.maxLength(REASON_MAX, { error: "bookProposals.errors.tooLong" }),
    ),
});
export type RejectInput = z.infer<typeof RejectSchema>;

export const MergeSchema = z.object({ proposalId: uuid, survivorId: uuid });
export type MergeInput = z.infer<typeof MergeSchema>;
