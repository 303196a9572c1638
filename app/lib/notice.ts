import { bookNl } from "~/i18n/locales/book.nl";
import { bookProposalsNl } from "~/i18n/locales/book-proposals.nl";
import { bookWritingNl } from "~/i18n/locales/book-writing.nl";
import { exportsNl } from "~/i18n/locales/exports.nl";
import { bookExportsNl } from "~/i18n/locales/book-exports.nl";
import { auditLogNl } from "~/i18n/locales/audit-log.nl";
import { erasureNl } from "~/i18n/locales/erasure.nl";
import { privacyRequestsNl } from "~/i18n/locales/privacy-requests.nl";
import { legalNl } from "~/i18n/locales/legal.nl";
import { organizerNl } from "~/i18n/locales/organizer.nl";
import { usersNl } from "~/i18n/locales/users.nl";
import { teamsNl } from "~/i18n/locales/teams.nl";
import { oidcNl } from "~/i18n/locales/oidc.nl";
/** Success messages shown after a redirect, passed as ?melding=<key>; only these keys are shown. */
export const NOTICES = [
  "signup.done",
  "accounts.signup.checkMail",
  "accounts.password.changed",
  "accounts.unlock.done",
  "accounts.profile.saved",
  "accounts.email.sent",
  "accounts.email.changed",
  "accounts.sessions.ended",
  "accounts.sessions.endedOthers",
  "accounts.delete.done",
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
  "photos.notice.saved",
  "photos.notice.removed",
  "procedure.saved",
  "procedure.created",
  "voting.notice.cast",
  "voting.notice.changed",
  "voting.notice.unchanged",
  "voting.notice.alreadyStored",
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
  "roundWindow.notice.opened",
  "roundWindow.notice.closed",
  "rounds.notice.selectionSaved",
  "rounds.notice.confirmed",
  "control.notice.conflictRecorded",
  "notices.unsubscribe.unsubscribed",
  "notices.account.saved",
  "juryReport.notice.saved",
  "juryReport.notice.unchanged",
] as const;
/** Later features keep their success messages in the `notice` object of their own namespace file. */
const NAMESPACED = {
  book: bookNl,
  bookProposals: bookProposalsNl,
  bookWriting: bookWritingNl,
  exports: exportsNl,
  bookExports: bookExportsNl,
  auditLog: auditLogNl,
  erasure: erasureNl,
  privacyRequests: privacyRequestsNl,
  legal: legalNl,
  organizer: organizerNl,
  users: usersNl,
  teams: teamsNl,
  oidc: oidcNl,
};
type Namespaced = typeof NAMESPACED;
// Computed on first use, not at load: a module without top-level calls is dropped from browser bundles
// that only import it for a loader, so these texts stay out of every page's JavaScript.
let namespacedNotices: string[] | null = null;
function namespacedNoticeKeys(): string[] {
  namespacedNotices ??= Object.entries(NAMESPACED).flatMap(([ns, messages]) =>
    Object.keys(messages.notice).map((k) => `${ns}.notice.${k}`),
  );
  return namespacedNotices;
}
type NamespacedNotice = { [NS in keyof Namespaced]: `${NS}.notice.${Extract<keyof Namespaced[NS]["notice"], string>}` }[keyof Namespaced];
export type Notice = (typeof NOTICES)[number] | NamespacedNotice;

export function noticeFrom(url: URL): Notice | null {
  const key = url.searchParams.get("melding") ?? "";
  return (NOTICES as readonly string[]).includes(key) || namespacedNoticeKeys().includes(key) ? (key as Notice) : null;
}

export function withNotice(path: string, notice: Notice): string {
  return `${path}${path.includes("?") ? "&" : "?"}melding=${encodeURIComponent(notice)}`;
}
