/** Success messages shown after a redirect, passed as ?melding=<key>; only these keys are shown. */
export const NOTICES = [
  "signup.done",
  "login.done",
  "logout.done",
  "verify.done",
  "verify.resent",
  "verify.alreadyVerified",
  "forgot.done",
  "reset.done",
  "admin.granted",
  "admin.revoked",
  "nominate.done",
  "nominate.draftSaved",
  "nominate.supported",
  "consent.accepted",
  "consent.declined",
  "reference.done",
  "moderation.approved",
  "moderation.rejected",
  "moderation.edited",
  "moderation.merged",
  "procedure.saved",
  "procedure.created",
  "voting.notice.cast",
  "voting.notice.changed",
  "voting.notice.unchanged",
  "voting.notice.published",
  "voting.notice.opened",
  "voting.notice.closedNow",
  "voting.notice.revealed",
  "voting.notice.invited",
  "voting.notice.voided",
  "voting.notice.tieDecided",
  "jury.notice.invited",
  "jury.notice.accepted",
  "jury.notice.criterionSaved",
  "jury.notice.criterionDeleted",
  "jury.notice.reminded",
  "jury.notice.conflict",
  "jury.notice.saved",
  "results.notice.prizeAdded",
  "results.notice.prizeDeleted",
  "results.notice.published",
  "results.notice.unchanged",
] as const;
export type Notice = (typeof NOTICES)[number];

export function noticeFrom(url: URL): Notice | null {
  const key = url.searchParams.get("melding");
  return (NOTICES as readonly string[]).includes(key ?? "") ? (key as Notice) : null;
}

export function withNotice(path: string, notice: Notice): string {
  return `${path}${path.includes("?") ? "&" : "?"}melding=${encodeURIComponent(notice)}`;
}
