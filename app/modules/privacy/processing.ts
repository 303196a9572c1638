import type { Kind, Subject } from "./data-map";

/**
 * The record of processing activities (AVG art. 30, issue #19 item 4, ADR 0044): per activity, whose
 * data, what data, why, on which legal basis, who receives it and how long it is kept. It is plain data
 * (no server imports) so that the privacy statement page renders its processing section from it and
 * `npm run privacy:register` writes docs/privacy.md's register from it; the jobs and services that
 * enforce a period read it from RETENTION below, so the statement cannot promise another period than
 * the software keeps. Words live in the locale files (legal.privacy.*); here are keys and numbers only.
 */

/** Every period the software enforces (or the operator is told to), in one place. */
export const RETENTION = {
  /** A new edition's retention period: its personal data is anonymised this many days after it closed. */
  editionDefaultDays: 365,
  /** An address stays a known place of an account this long after its last successful login (ADR 0020). */
  knownPlaceDays: 90,
  /** A login count per account and address is forgotten after a day without attempts (ADR 0020). */
  loginAttemptDays: 1,
  /** A link confirming an e-mail address is valid this long. */
  confirmationLinkHours: 24,
  /** A link to set a new password is valid this long. */
  resetLinkHours: 1,
  /** Backups (pg_dump files, archived WAL) are kept at most this long (docs/privacy.md, ADR 0043). */
  backupDays: 35,
} as const;

/** The legal bases of AVG art. 6(1), (a) to (f). */
export const LEGAL_BASES = {
  consent: "a",
  contract: "b",
  legalObligation: "c",
  vitalInterests: "d",
  publicTask: "e",
  legitimateInterests: "f",
} as const;
export type LegalBasis = keyof typeof LEGAL_BASES;

/** Who sees the data besides the person and the platform's admins (as far as their role needs it). */
export type Recipient = "organizers" | "jury" | "editors" | "admins" | "public";
/** Processors under a processing agreement with the controller. "mail" only where a mail provider is configured. */
export type Processor = "hosting" | "mail";

/**
 * How long data is kept. Numbers come from RETENTION (or the configuration: sessions, or the
 * edition's own setting), never from the texts.
 */
export type Period =
  /** As long as it exists; erased on request (or when its owner deletes it). */
  | { kind: "untilDeleted" }
  /** Until the person concerned asks for its erasure. */
  | { kind: "onRequest" }
  /** Until the person changes it. */
  | { kind: "untilChanged" }
  /** The content is emptied once delivered. */
  | { kind: "untilSent" }
  /** Until the request is answered (closed): then only its kind, days and outcome stay. */
  | { kind: "untilAnswered" }
  /** SESSION_IDLE_MINUTES without activity, SESSION_ABSOLUTE_HOURS at most (configured per installation). */
  | { kind: "session" }
  /** The edition's retention_days after it closed (RETENTION.editionDefaultDays unless its organizers set another). */
  | { kind: "edition" }
  /** Deleted this many days after it was last used. */
  | { kind: "afterLastUse"; days: number }
  /** Valid (and usable) for this many hours. */
  | { kind: "validFor"; hours: number }
  /** Kept; the activity's note says why. */
  | { kind: "kept" };

/** One period of one part of an activity's data ("what" names that part: legal.privacy.what.*). */
export interface RetentionRule {
  what: string;
  period: Period;
}

/** A legal basis and what it covers ("for": legal.privacy.<activity>.basisFor.<for>). */
export interface BasisRule {
  basis: LegalBasis;
  for: string;
}

export interface ProcessingActivity {
  /** Whose data (the personal-data map's subjects). */
  subjects: Subject[];
  /** Kinds of personal data (the personal-data map's kinds); legal.privacy.<activity>.data describes them. */
  categories: Kind[];
  bases: BasisRule[];
  recipients: Recipient[];
  processors: Processor[];
  retention: RetentionRule[];
  /** Whether legal.privacy.<activity>.retentionNote says more (what stays, and why). */
  retentionNote: boolean;
}

/** The activities, in the order the statement and the register show them. */
export const PROCESSING = {
  account: {
    subjects: ["member"],
    categories: ["identifying", "contact", "descriptive", "technical"],
    bases: [{ basis: "contract", for: "account" }],
    recipients: ["admins"],
    processors: ["hosting"],
    retention: [
      { what: "account", period: { kind: "untilDeleted" } },
      { what: "session", period: { kind: "session" } },
      { what: "confirmationLink", period: { kind: "validFor", hours: RETENTION.confirmationLinkHours } },
      { what: "resetLink", period: { kind: "validFor", hours: RETENTION.resetLinkHours } },
    ],
    retentionNote: false,
  },
  signIn: {
    subjects: ["member", "anyone"],
    categories: ["contact", "technical"],
    bases: [{ basis: "legitimateInterests", for: "security" }],
    recipients: [],
    processors: ["hosting"],
    retention: [
      { what: "loginAttempts", period: { kind: "afterLastUse", days: RETENTION.loginAttemptDays } },
      { what: "knownPlaces", period: { kind: "afterLastUse", days: RETENTION.knownPlaceDays } },
    ],
    retentionNote: false,
  },
  nominations: {
    subjects: ["nominator", "nominee", "reference"],
    categories: ["identifying", "contact", "descriptive", "free-text"],
    bases: [
      { basis: "legitimateInterests", for: "award" },
      { basis: "consent", for: "publication" },
    ],
    recipients: ["organizers", "jury", "public"],
    processors: ["hosting"],
    retention: [{ what: "nominations", period: { kind: "edition" } }],
    retentionNote: true,
  },
  votes: {
    subjects: ["voter", "invitee"],
    categories: ["pseudonymous", "technical"],
    bases: [{ basis: "legitimateInterests", for: "vote" }],
    recipients: ["organizers"],
    processors: ["hosting"],
    retention: [{ what: "ballotLinks", period: { kind: "edition" } }],
    retentionNote: true,
  },
  jury: {
    subjects: ["juror", "invitee"],
    categories: ["identifying", "contact", "free-text"],
    bases: [{ basis: "contract", for: "jury" }],
    recipients: ["organizers"],
    processors: ["hosting"],
    retention: [{ what: "juryComments", period: { kind: "edition" } }],
    retentionNote: true,
  },
  portraits: {
    subjects: ["portrayed", "author", "member"],
    categories: ["identifying", "descriptive", "free-text"],
    bases: [
      { basis: "legitimateInterests", for: "book" },
      { basis: "contract", for: "authors" },
    ],
    recipients: ["editors", "public"],
    processors: ["hosting"],
    retention: [
      { what: "publishedPortraits", period: { kind: "kept" } },
      { what: "proposals", period: { kind: "onRequest" } },
    ],
    retentionNote: true,
  },
  mail: {
    subjects: ["member", "nominee", "reference", "invitee"],
    categories: ["contact", "free-text"],
    bases: [
      { basis: "contract", for: "members" },
      { basis: "legitimateInterests", for: "nominees" },
    ],
    recipients: [],
    processors: ["hosting", "mail"],
    retention: [
      { what: "mailContent", period: { kind: "untilSent" } },
      { what: "nomineeMails", period: { kind: "edition" } },
      { what: "mailPreferences", period: { kind: "untilChanged" } },
    ],
    retentionNote: false,
  },
  audit: {
    subjects: ["member", "anyone"],
    categories: ["pseudonymous", "technical", "free-text"],
    bases: [{ basis: "legitimateInterests", for: "accountability" }],
    recipients: ["admins", "organizers"],
    processors: ["hosting"],
    retention: [{ what: "auditLog", period: { kind: "kept" } }],
    retentionNote: true,
  },
  erasures: {
    subjects: ["nominee", "reference", "invitee", "portrayed"],
    categories: ["pseudonymous"],
    bases: [{ basis: "legalObligation", for: "erasure" }],
    recipients: ["admins"],
    processors: ["hosting"],
    retention: [{ what: "erasureLog", period: { kind: "kept" } }],
    retentionNote: true,
  },
  requests: {
    subjects: ["anyone"],
    categories: ["identifying", "contact", "pseudonymous"],
    bases: [{ basis: "legalObligation", for: "requests" }],
    recipients: ["admins"],
    processors: ["hosting", "mail"],
    retention: [
      { what: "privacyRequests", period: { kind: "untilAnswered" } },
      { what: "mailObjections", period: { kind: "kept" } },
    ],
    retentionNote: true,
  },
} as const satisfies Record<string, ProcessingActivity>;

export type ActivityKey = keyof typeof PROCESSING;
export const ACTIVITIES = Object.keys(PROCESSING) as ActivityKey[];

/** Backups hold everything above; they are kept at most this long (the operator deletes older ones). */
export const BACKUP_RETENTION = { kind: "backups", days: RETENTION.backupDays } as const;
