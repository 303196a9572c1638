import { bookNl } from "~/i18n/locales/book.nl";
import { bookProposalsNl } from "~/i18n/locales/book-proposals.nl";
import { bookWritingNl } from "~/i18n/locales/book-writing.nl";
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
/** The portrait book's parts keep their success messages in their own `notice` objects. */
const BOOK_NOTICES = [
  ...Object.keys(bookNl.notice).map((k) => `book.notice.${k}`),
  ...Object.keys(bookProposalsNl.notice).map((k) => `bookProposals.notice.${k}`),
  ...Object.keys(bookWritingNl.notice).map((k) => `bookWriting.notice.${k}`),
];
type BookNotice =
  | `book.notice.${keyof typeof bookNl.notice}`
  | `bookProposals.notice.${keyof typeof bookProposalsNl.notice}`
  | `bookWriting.notice.${keyof typeof bookWritingNl.notice}`;
export type Notice = (typeof NOTICES)[number] | BookNotice;

export function noticeFrom(url: URL): Notice | null {
  const key = url.searchParams.get("melding") ?? "";
  return (NOTICES as readonly string[]).includes(key) || BOOK_NOTICES.includes(key) ? (key as Notice) : null;
}

export function withNotice(path: string, notice: Notice): string {
  return `${path}${path.includes("?") ? "&" : "?"}melding=${encodeURIComponent(notice)}`;
}
