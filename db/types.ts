import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type Locale = "nl" | "en";
export type RoleName = "admin" | "organizer" | "jury" | "editor";

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  name: string;
  organisation: Generated<string>;
  /** Null for an account made by single sign-on that never set a password. */
  password_hash: string | null;
  locale: Generated<Locale>;
  email_verified_at: TimestampNull;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  blocked_at: TimestampNull;
  blocked_reason: string | null;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  created_at: Generated<Date>;
  /** 'password' or 'oidc:<provider slug>' */
  auth_method: Generated<string>;
  second_factor_at: TimestampNull;
  user_agent: string | null;
  last_seen_at: Generated<Date>;
}

export interface MfaTotpTable {
  user_id: string;
  /**
   * The 160-bit base32 secret (RFC 6238 / RFC 4226 recommend at least 128), sealed with AES-256-GCM
   * under DATA_ENCRYPTION_KEY: `v1.<key id>.<iv>.<ciphertext>.<tag>` (ADR 0032, totp-secret.server.ts).
   */
  secret: string;
  confirmed_at: TimestampNull;
  /** The last 30-second step a code was accepted for (never accepted twice). */
  last_used_step: Generated<number>;
  created_at: Generated<Date>;
}

export interface MfaRecoveryCodeTable {
  user_id: string;
  code_hash: string;
  used_at: TimestampNull;
  created_at: Generated<Date>;
}

export interface MfaChallengeTable {
  token_hash: string;
  user_id: string;
  redirect_to: string;
  failures: Generated<number>;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}

/** A passkey (WebAuthn credential) of a person, a second factor next to the app (ADR 0029). */
export interface WebauthnCredentialTable {
  id: Generated<string>;
  user_id: string;
  /** base64url, as the authenticator chose it; unique across accounts. */
  credential_id: string;
  /** COSE-encoded public key. */
  public_key: Buffer;
  /** The signature counter last reported (pg returns bigint as a string). */
  counter: ColumnType<string, number | string | undefined, number | string>;
  transports: Generated<string[]>;
  name: string;
  created_at: Generated<Date>;
  last_used_at: TimestampNull;
}

/** The challenge of one WebAuthn ceremony: single use, 5 minutes, bound to a person and a sign-in step or session. */
export interface WebauthnChallengeTable {
  challenge: string;
  user_id: string;
  purpose: "register" | "authenticate";
  /** SHA-256 (hex) of the sign-in step's token or of the session id. */
  binding: string;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}

export interface OneTimeTokenTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: TimestampNull;
  created_at: Generated<Date>;
}

/** A change of e-mail address waiting for the link mailed to the new address (single use). */
export interface EmailChangeTokenTable {
  token_hash: string;
  user_id: string;
  new_email: string;
  expires_at: Timestamp;
  used_at: TimestampNull;
  created_at: Generated<Date>;
}

export interface AwardTable {
  id: Generated<string>;
  slug: string;
  name_nl: string;
  name_en: string;
  description_nl: Generated<string>;
  description_en: Generated<string>;
  created_at: Generated<Date>;
}

export type NomineeKind = "person" | "organisation";

export interface EditionTable {
  id: Generated<string>;
  award_id: string;
  year: number;
  description_nl: Generated<string>;
  description_en: Generated<string>;
  theme_nl: Generated<string>;
  theme_en: Generated<string>;
  criteria_nl: Generated<string>;
  criteria_en: Generated<string>;
  nominee_kind: Generated<NomineeKind>;
  max_nominee_age: number | null;
  nomination_opens_at: TimestampNull;
  nomination_closes_at: TimestampNull;
  nominations_per_member: Generated<number>;
  created_at: Generated<Date>;
  /** Secret for pseudonymous voter ids in exports (HMAC key); never shown. */
  export_salt: Generated<string>;
  /** Days after the edition closed until its personal data is anonymised; null keeps it. */
  retention_days: Generated<number | null>;
  /** When retention anonymised the edition (idempotency). */
  anonymised_at: TimestampNull;
  /** The award ceremony (optional): finalists who consented are told its date and place. */
  ceremony_at: TimestampNull;
  ceremony_place: Generated<string>;
  /** Jurors with open sheets are reminded this many days before a jury round closes (0: never). */
  jury_reminder_days: Generated<number>;
}

export interface CategoryTable {
  id: Generated<string>;
  edition_id: string;
  slug: string;
  name_nl: string;
  name_en: string;
  position: Generated<number>;
}

export type RoundKind = "public_vote" | "jury" | "organizer_selection" | "live_vote";
export type Advancement = "top_k" | "organizer" | "none";

export interface RoundTable {
  id: Generated<string>;
  edition_id: string;
  position: number;
  kind: RoundKind;
  name_nl: string;
  name_en: string;
  opens_at: TimestampNull;
  closes_at: TimestampNull;
  source: Generated<"all" | "previous">;
  advancement: Advancement;
  advance_k: number | null;
  settings: Generated<Record<string, unknown>>;
  ballot_mode: Generated<BallotMode>;
  max_choices: Generated<number>;
  allow_change: Generated<boolean>;
  show_live_totals: Generated<boolean>;
  eligibility: Generated<Eligibility>;
  eligible_domains: Generated<string[]>;
  /** Identity provider slugs of a 'providers' round: only sessions signed in through one of them vote. */
  eligible_providers: Generated<string[]>;
  /** With 'providers': when not empty, only identities whose organisation claim is one of these. */
  eligible_organisations: Generated<string[]>;
  tie_break: Generated<TieBreak>;
  short_code: string | null;
  results_published_at: TimestampNull;
  revealed_at: TimestampNull;
  advanced_at: TimestampNull;
  jury_visibility: Generated<JuryVisibility>;
  blind: Generated<boolean>;
  show_vote_position: Generated<boolean>;
  aggregation: Generated<"mean" | "median">;
  normalize: Generated<boolean>;
  min_scores: Generated<number>;
  show_motivations: Generated<boolean>;
}

export type JuryVisibility = "never" | "after_own" | "after_close";

export interface JuryInviteTable {
  id: Generated<string>;
  edition_id: string;
  email: string;
  category_ids: Generated<string[]>;
  token_hash: string;
  invited_by: string | null;
  expires_at: Timestamp;
  accepted_at: TimestampNull;
  accepted_by: string | null;
  revoked_at: TimestampNull;
  revoked_by: Generated<string | null>;
  created_at: Generated<Date>;
}

/** A juror's place in the jury's records: its id is the account's while it exists; user_id null once the account is deleted. */
export interface JurySeatTable {
  id: string;
  user_id: string | null;
  created_at: Generated<Date>;
}

export interface JuryMemberTable {
  edition_id: string;
  user_id: string;
  category_ids: Generated<string[]>;
  created_at: Generated<Date>;
}

export interface CriterionTable {
  id: Generated<string>;
  round_id: string;
  position: number;
  name_nl: string;
  name_en: string;
  description_nl: Generated<string>;
  description_en: Generated<string>;
  /** numeric comes back from pg as a string */
  weight: ColumnType<string, string | number, string | number>;
  scale_min: number;
  scale_max: number;
  anchors: Generated<Record<string, string>>;
  comment_below: number | null;
}

export interface JuryConflictTable {
  round_id: string;
  juror_id: string;
  nominee_id: string;
  reason: string;
  created_at: Generated<Date>;
}

export interface JuryScoreTable {
  round_id: string;
  juror_id: string;
  nominee_id: string;
  criterion_id: string;
  score: number;
  comment: Generated<string>;
  updated_at: Generated<Date>;
}

export type BallotMode = "single" | "approval" | "ranked";
export type Eligibility = "verified" | "domains" | "invite" | "providers";
export type TieBreak = "include_all" | "organizer" | "first_preferences";

export interface BallotTable {
  id: Generated<string>;
  round_id: string;
  edition_id: string;
  category_id: string;
  voter_id: string | null;
  version: Generated<number>;
  receipt_code: string;
  ip: string | null;
  device_hash: string | null;
  cast_at: Generated<Date>;
  updated_at: Generated<Date>;
  voided_at: TimestampNull;
  void_reason: string | null;
  voided_by: string | null;
}

export interface BallotChoiceTable {
  ballot_id: string;
  category_id: string;
  nominee_id: string;
  rank: number;
}

export interface BallotRevisionTable {
  ballot_id: string;
  version: number;
  receipt_code: string;
  choices: string[];
  ip: string | null;
  device_hash: string | null;
  created_at: Generated<Date>;
}

/** Counted ballots folded per candidate of a round (ADR 0035); written only by foldTally. */
export interface TallyCountTable {
  round_id: string;
  category_id: string;
  nominee_id: string;
  votes: string;
  rank_sum: string;
  firsts: string;
}

/** Changes to the counted ballots not folded into tally_count yet (written by triggers, ADR 0035). */
export interface TallyDeltaTable {
  round_id: string;
  category_id: string;
  nominee_id: string;
  votes: number;
  rank_sum: number;
  firsts: number;
}

/** A large round's fraud signals as last computed (ADR 0038); `signals` is the Signal[] of fraud-rules.ts. */
export interface FraudSnapshotTable {
  round_id: string;
  computed_at: Date;
  signals: unknown;
}

/** One erasure of a person: the ids of the rows they were found by, never their data (ADR 0043). */
export interface ErasureLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  action: "person.erase" | "nominee.erase" | "nominee.decline";
  nominee_ids: Generated<string[]>;
  reference_ids: Generated<string[]>;
  invitation_ids: Generated<string[]>;
  proposal_ids: Generated<string[]>;
}

/** A privacy request (AVG art. 15, 16, 17, 21) in the register (issue #19 item 3, ADR 0045). */
export interface PrivacyRequestTable {
  id: Generated<string>;
  kind: PrivacyRequestKind;
  /** A calendar day, yyyy-mm-dd (db/connection.ts keeps pg's date type as text). */
  received_on: ColumnType<string, string, never>;
  due_on: ColumnType<string, never, never>;
  name: Generated<string>;
  email: string | null;
  locale: Generated<"nl" | "en">;
  status: Generated<"open" | "closed">;
  outcome: PrivacyRequestOutcome | null;
  exported_at: TimestampNull;
  erased_at: TimestampNull;
  objected_at: TimestampNull;
  created_by: string | null;
  created_at: Generated<Date>;
  closed_by: string | null;
  closed_at: TimestampNull;
}
export type PrivacyRequestKind = "access" | "erasure" | "objection" | "rectification";
export type PrivacyRequestOutcome = "answered" | "erased" | "objected" | "rectified" | "nothing_held" | "refused";

/** An address that objected (art. 21): only its SHA-256; the outbox drops mail to it. */
export interface MailObjectionTable {
  address_hash: Buffer;
  request_id: string | null;
  created_at: Generated<Date>;
}

export interface RoundInviteTable {
  round_id: string;
  email: string;
  invited_by: string | null;
  created_at: Generated<Date>;
}

export interface RoundAdvancementTable {
  round_id: string;
  nominee_id: string;
  category_id: string;
  place: number | null;
  score: number | null;
  decided_by: "rule" | "tie_rule" | "organizer";
  reason: string | null;
  created_at: Generated<Date>;
}

export type NomineeStatus = "pending" | "approved" | "rejected" | "merged";
export type ConsentStatus = "pending" | "accepted" | "declined";

export interface NomineeTable {
  id: Generated<string>;
  edition_id: string;
  category_id: string;
  kind: NomineeKind;
  name: string;
  organisation: Generated<string>;
  contact_email: string | null;
  age: number | null;
  pitch: Generated<string>;
  story: Generated<string>;
  status: Generated<NomineeStatus>;
  rejection_reason: string | null;
  consent_status: Generated<ConsentStatus>;
  consent_at: TimestampNull;
  merged_into: string | null;
  redacted_at: TimestampNull;
  /** When an organizer erased this person on request (the row stays, with a placeholder name). */
  erased_at: TimestampNull;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  is_candidate: ColumnType<boolean, never, never>;
  /** When the nominee consented to a photo (or logo) being shown; null: no photo may be stored. */
  photo_consent_at: TimestampNull;
}

/** A nominee's processed photo or logo (ADR 0017): re-encoded WebP, one per nominee. */
export interface NomineePhotoTable {
  nominee_id: string;
  content: Buffer;
  thumbnail: Buffer;
  /** sha256 hex of `content`: the ETag and part of the image's address. */
  content_hash: string;
  mime: "image/webp" | "image/jpeg";
  width: number;
  height: number;
  alt: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface NominationTable {
  id: Generated<string>;
  edition_id: string;
  nominee_id: string;
  submitted_for_nominee_id: string;
  nominator_id: string | null;
  motivation: string;
  video_url: string | null;
  relation: Generated<string>;
  anonymous_to_nominee: Generated<boolean>;
  is_supporting: Generated<boolean>;
  created_at: Generated<Date>;
  /** The key the nomination form posted (unique per nominator): a repeat of the submission finds this row. */
  submission_key: string | null;
}

export interface NominationDraftTable {
  edition_id: string;
  user_id: string;
  data: Record<string, unknown>;
  updated_at: Generated<Date>;
}

export interface NominationReferenceTable {
  id: Generated<string>;
  nomination_id: string;
  position: number;
  name: string;
  email: string;
  relation: Generated<string>;
  token_hash: string;
  expires_at: Timestamp;
  statement: string | null;
  submitted_at: TimestampNull;
  created_at: Generated<Date>;
}

export interface NomineeConsentTokenTable {
  token_hash: string;
  nominee_id: string;
  expires_at: Timestamp;
  used_at: TimestampNull;
  created_at: Generated<Date>;
}

export interface BookProjectTable {
  id: Generated<string>;
  slug: string;
  title_nl: string;
  title_en: string;
  created_at: Generated<Date>;
  description_nl: Generated<string>;
  description_en: Generated<string>;
  target_count: Generated<number>;
  period_from: Generated<number>;
  period_to: Generated<number>;
  words_min: Generated<number>;
  words_max: Generated<number>;
  proposals_close_at: TimestampNull;
  claims_close_at: TimestampNull;
  drafts_due_at: TimestampNull;
  final_due_at: TimestampNull;
}

export interface BookThemeTable {
  id: Generated<string>;
  project_id: string;
  slug: string;
  name_nl: string;
  name_en: string;
  position: Generated<number>;
}

export type ProposalStatus = "proposed" | "shortlisted" | "selected" | "rejected" | "merged";

export interface BookProposalTable {
  id: Generated<string>;
  project_id: string;
  proposer_id: string | null;
  name: string;
  birth_year: number;
  death_year: number | null;
  service_from: number;
  service_to: number;
  organisation: string;
  role: string;
  motivation: string;
  theme_id: string;
  status: Generated<ProposalStatus>;
  rejection_reason: string | null;
  merged_into_id: string | null;
  status_changed_at: Generated<Date>;
  created_at: Generated<Date>;
}

export interface BookSourceTable {
  id: Generated<string>;
  proposal_id: string;
  title: string;
  url: string;
  position: Generated<number>;
}

export interface BookEndorsementTable {
  proposal_id: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface BookCommentTable {
  id: Generated<string>;
  proposal_id: string;
  author_id: string | null;
  body: string;
  created_at: Generated<Date>;
}

export interface BookAuthorTable {
  project_id: string;
  user_id: string;
  bio: string;
  theme_ids: Generated<string[]>;
  period_from: number | null;
  period_to: number | null;
  writing_url: string | null;
  capacity: number;
  availability: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface BookClaimTable {
  project_id: string;
  proposal_id: string;
  user_id: string;
  rank: number;
  motivation: string;
  created_at: Generated<Date>;
}

export type ManuscriptStatus = "assigned" | "submitted" | "in_edit" | "returned" | "final";

export interface BookAssignmentTable {
  proposal_id: string;
  project_id: string;
  /** Null only for a finished portrait whose author deleted their account. */
  user_id: string | null;
  status: Generated<ManuscriptStatus>;
  due_at: TimestampNull;
  published_at: TimestampNull;
  assigned_by: string | null;
  assigned_at: Generated<Date>;
  status_changed_at: Generated<Date>;
  reminded_at: TimestampNull;
}

export interface BookManuscriptVersionTable {
  id: Generated<string>;
  proposal_id: string;
  version: number;
  author_id: string | null;
  body: string;
  word_count: number;
  submitted: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface BookManuscriptCommentTable {
  id: Generated<string>;
  version_id: string;
  author_id: string | null;
  body: string;
  created_at: Generated<Date>;
}

export interface RoleGrantTable {
  id: Generated<string>;
  user_id: string;
  role: RoleName;
  award_id: string | null;
  edition_id: string | null;
  book_project_id: string | null;
  granted_by: string | null;
  created_at: Generated<Date>;
}

export interface RoleInvitationTable {
  id: Generated<string>;
  email: string;
  role: Exclude<RoleName, "jury">;
  award_id: string | null;
  book_project_id: string | null;
  token_hash: string;
  invited_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  accepted_at: TimestampNull;
  accepted_by: Generated<string | null>;
  revoked_at: TimestampNull;
  revoked_by: Generated<string | null>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  request_id: string | null;
  /** Filled by the audit_log_scope trigger from the entity (no foreign key: history outlives it). */
  award_id: Generated<string | null>;
  book_project_id: Generated<string | null>;
}

export interface OutboxEmailTable {
  id: Generated<string>;
  to_address: string;
  locale: Locale;
  template: string;
  subject: string;
  body_text: string;
  status: Generated<"pending" | "sending" | "sent" | "failed">;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  locked_at: TimestampNull;
  sent_at: TimestampNull;
  last_error: string | null;
  created_at: Generated<Date>;
  /** An HTML alternative of body_text (lifecycle notices); emptied once sent, as body_text. */
  body_html: string | null;
  /** Extra mail headers (List-Unsubscribe, List-Unsubscribe-Post). */
  headers: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
}

export type NoticeTopic = "nominations" | "nominee" | "votes" | "results" | "jury" | "book";
export type NoticeStatus = "sent" | "opted_out" | "history";

export interface NoticeKindTable {
  kind: string;
  introduced_at: Generated<Date>;
}

export interface NoticeTable {
  id: Generated<string>;
  kind: string;
  subject: string;
  recipient: string;
  edition_id: string | null;
  project_id: string | null;
  status: NoticeStatus;
  outbox_id: string | null;
  created_at: Generated<Date>;
}

export interface NoticeRecipientTable {
  id: Generated<string>;
  email: string;
  /** HMAC key of this address's unsubscribe links; never shown. */
  secret: string;
  created_at: Generated<Date>;
}

/** The key of a round's projector screen link (ADR 0021); shown to its organizers only. */
export interface RoundScreenTable {
  round_id: string;
  key: string;
  created_at: Generated<Date>;
}

export interface NoticePreferenceTable {
  email: string;
  topic: NoticeTopic;
  enabled: boolean;
  updated_at: Generated<Date>;
}

export interface LoginThrottleTable {
  /** The e-mail address typed at login (normalised), whether or not an account has it. */
  account: string;
  ip: string;
  attempts: number;
  next_allowed_at: Timestamp;
  updated_at: Generated<Date>;
}

export interface LoginKnownIpTable {
  user_id: string;
  ip: string;
  last_success_at: Generated<Date>;
}

export interface RateLimitTable {
  key: string;
  points: number;
  expire: string | null;
}

export type PrizeKind = "jury" | "public" | "top100" | "combined";

export interface PrizeTable {
  id: Generated<string>;
  edition_id: string;
  position: number;
  kind: PrizeKind;
  name_nl: string;
  name_en: string;
  vote_round_id: string | null;
  jury_round_id: string | null;
  public_weight: ColumnType<string, string | number | undefined, string | number>;
  jury_weight: ColumnType<string, string | number | undefined, string | number>;
  places: Generated<number>;
  motivation_nl: Generated<string>;
  motivation_en: Generated<string>;
}

export interface ResultSnapshotTable {
  id: Generated<string>;
  edition_id: string;
  version: number;
  body: string;
  sha256: string;
  reason: string | null;
  published_by: string | null;
  published_at: Generated<Date>;
}

/** A frozen recount list of a published snapshot: the exact bytes of one download, with their SHA-256. */
export interface ResultListTable {
  edition_id: string;
  version: number;
  round_id: string;
  list: "ballots" | "receipts";
  format: "json" | "csv";
  body: string;
  sha256: string;
}

/** The organisation-specific parts of the privacy and accessibility statements: one row (id = true). */
export interface LegalSettingsTable {
  id: Generated<boolean>;
  organisation: Generated<string>;
  controller: Generated<string>;
  contact_email: Generated<string>;
  postal_address: Generated<string>;
  dpo_name: Generated<string>;
  dpo_email: Generated<string>;
  /** A `date` column: read it with to_char (node-postgres would make a local-midnight Date of it). */
  statement_date: ColumnType<Date | null, string | null | undefined, string | null>;
  last_check_date: ColumnType<Date | null, string | null | undefined, string | null>;
  compliance: Generated<"full" | "partial" | "initial" | "none">;
  limitations_nl: Generated<string>;
  limitations_en: Generated<string>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface UserIdentityTable {
  id: Generated<string>;
  user_id: string;
  provider: string;
  subject: string;
  email: string;
  organisation: string | null;
  created_at: Generated<Date>;
  last_used_at: Generated<Date>;
}

export interface OidcLoginTable {
  state_hash: string;
  browser_hash: string;
  provider: string;
  code_verifier: string;
  nonce: string;
  redirect_to: string;
  created_at: Generated<Date>;
  expires_at: Generated<Date>;
}

export interface IdentityLinkTokenTable {
  token_hash: string;
  user_id: string;
  provider: string;
  subject: string;
  email: string;
  organisation: string | null;
  second_factor: Generated<boolean>;
  expires_at: Timestamp;
  used_at: TimestampNull;
  created_at: Generated<Date>;
}

export interface DB {
  user_identity: UserIdentityTable;
  oidc_login: OidcLoginTable;
  identity_link_token: IdentityLinkTokenTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  mfa_totp: MfaTotpTable;
  mfa_recovery_code: MfaRecoveryCodeTable;
  mfa_challenge: MfaChallengeTable;
  webauthn_credential: WebauthnCredentialTable;
  webauthn_challenge: WebauthnChallengeTable;
  email_verification_token: OneTimeTokenTable;
  password_reset_token: OneTimeTokenTable;
  email_change_token: EmailChangeTokenTable;
  award: AwardTable;
  edition: EditionTable;
  book_project: BookProjectTable;
  role_grant: RoleGrantTable;
  role_invitation: RoleInvitationTable;
  audit_log: AuditLogTable;
  outbox_email: OutboxEmailTable;
  rate_limit: RateLimitTable;
  login_throttle: LoginThrottleTable;
  login_known_ip: LoginKnownIpTable;
  login_unlock_token: OneTimeTokenTable;
  category: CategoryTable;
  round: RoundTable;
  nominee: NomineeTable;
  nominee_photo: NomineePhotoTable;
  nomination: NominationTable;
  nomination_draft: NominationDraftTable;
  nomination_reference: NominationReferenceTable;
  nominee_consent_token: NomineeConsentTokenTable;
  ballot: BallotTable;
  ballot_choice: BallotChoiceTable;
  ballot_revision: BallotRevisionTable;
  tally_count: TallyCountTable;
  tally_delta: TallyDeltaTable;
  fraud_snapshot: FraudSnapshotTable;
  erasure_log: ErasureLogTable;
  privacy_request: PrivacyRequestTable;
  mail_objection: MailObjectionTable;
  round_invite: RoundInviteTable;
  round_advancement: RoundAdvancementTable;
  jury_invite: JuryInviteTable;
  jury_member: JuryMemberTable;
  jury_seat: JurySeatTable;
  criterion: CriterionTable;
  jury_conflict: JuryConflictTable;
  jury_score: JuryScoreTable;
  prize: PrizeTable;
  result_snapshot: ResultSnapshotTable;
  legal_settings: LegalSettingsTable;
  result_list: ResultListTable;
  book_theme: BookThemeTable;
  book_proposal: BookProposalTable;
  book_source: BookSourceTable;
  book_endorsement: BookEndorsementTable;
  book_comment: BookCommentTable;
  book_author: BookAuthorTable;
  book_claim: BookClaimTable;
  book_assignment: BookAssignmentTable;
  book_manuscript_version: BookManuscriptVersionTable;
  book_manuscript_comment: BookManuscriptCommentTable;
  notice_kind: NoticeKindTable;
  notice: NoticeTable;
  notice_recipient: NoticeRecipientTable;
  notice_preference: NoticePreferenceTable;
  round_screen: RoundScreenTable;
}

export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type OutboxEmail = Selectable<OutboxEmailTable>;
export type AuditEntry = Selectable<AuditLogTable>;
