import type { DB } from "../../../db/types";

/**
 * The personal-data map (issue #19 item 1, ADR 0041): for every column of every table, whether it can
 * hold personal data, of whom, of what kind, and how it is erased. It is the single source that the
 * erase-a-person service, the access export (AVG art. 15) and the privacy statement read;
 * tests/integration/data-map.test.ts compares it with PostgreSQL's catalogue, so a new column cannot be
 * added without deciding here what it holds.
 *
 * It describes the target, not only today's code: where erasure.server.ts / retention.server.ts do not
 * reach a column yet, the entry's note starts with "Gap today:".
 *
 * How to read an entry:
 * - A column is personal when its value identifies a person (a name, a photo), refers to one (the id of
 *   a row that stands for a person: app_user, jury_seat, nominee, nomination_reference,
 *   notice_recipient, book_proposal — and every column pointing at one), reaches them (an e-mail
 *   address), describes them (age, organisation, bio), is a device or network trace (IP address, device
 *   hash, user agent), a credential or a token that acts for them, or is free text that may name anyone.
 *   The other columns of a person's row (status, flags, timestamps, counters, random protocol values)
 *   are personal only through that row's link to the person: they go with the row or become anonymous
 *   when the linking columns are erased, so they are `personal: false`.
 * - `of`: the people the value is about. `erase` is what the erase-a-person service does to this column
 *   in the rows of a person it is erasing who is one of `of` (other than "anyone"). Someone whose row
 *   it is but whose erasure leaves the value as it is (the nominator of a motivation: the text stays,
 *   unlinked) is not in `of`; the note says so.
 * - `kind: "free-text"`: text someone typed (or generated text quoting it), which may name anyone.
 *   Besides `erase` in the person's own rows, every row anywhere is swept: the person's name variants
 *   and e-mail addresses are replaced by PLACEHOLDERS.mask, as lauwer_erase_text / lauwer_erase_jsonb do.
 * - `keep` always says why (the legal basis, AVG = GDPR), in English.
 */

/** Whose personal data a column can hold. "anyone": any person, also outside the platform's roles (named in free text, the DPO). */
export type Subject =
  | "member" // an account holder (organizers, editors, admins included)
  | "nominee" // a nominated person (no account needed)
  | "reference" // a person named as a reference on a nomination
  | "nominator" // the member who nominated
  | "voter" // the member who cast a ballot
  | "juror" // a jury member (through their seat)
  | "author" // a member writing for the portrait book
  | "invitee" // an address invited to vote, judge or take a role
  | "portrayed" // the person a book portrait is about (the AVG protects only the living: recital 27)
  | "anyone";

export type Erasure =
  | { how: "delete-row" } // the row goes with the person
  | { how: "null" }
  | { how: "replace"; with: string } // a fixed text: PLACEHOLDERS.erasedName, PLACEHOLDERS.mask or ""
  | { how: "redact-text" } // free text: the person's name variants and e-mail addresses masked where they occur
  | { how: "keep"; basis: string }; // kept, with the legal basis / reason

export type Kind =
  | "identifying" // names, photos: who the person is
  | "contact" // e-mail addresses
  | "descriptive" // age, organisation, role, bio-like fields and links about the person
  | "free-text" // typed text that may name anyone
  | "pseudonymous" // ids, receipt codes, hashes: personal only through a link
  | "technical"; // IP addresses, device hashes, user agents, credentials and tokens

export type PersonalEntry = { personal: true; of: Subject[]; kind: Kind; erase: Erasure; note?: string };
export type ColumnEntry = { personal: false } | PersonalEntry;

/** The fixed texts erasure writes (the same as ERASED_NAME and MASK in erasure.server.ts; the test checks that). */
export const PLACEHOLDERS = { erasedName: "Verwijderde kandidaat", mask: "[verwijderd]" } as const;

type TableMap<Tables> = { [T in keyof Tables]-?: { [C in keyof Tables[T]]-?: ColumnEntry } };

// Shorthands for the entries that recur; everything else is written out.
const NO = { personal: false } as const;
/** A value in a row that is only the person's: the row goes with them (often ON DELETE CASCADE). */
const rowOf = (of: Subject[], kind: Kind, note?: string): PersonalEntry => ({
  personal: true,
  of,
  kind,
  erase: { how: "delete-row" },
  ...(note ? { note } : {}),
});
/** A member's id on a row that stays: the link goes (ON DELETE SET NULL on account deletion). */
const unlinked = (of: Subject[] = ["member"], note?: string): PersonalEntry => ({
  personal: true,
  of,
  kind: "pseudonymous",
  erase: { how: "null" },
  ...(note ? { note } : {}),
});
const kept = (of: Subject[], basis: string, kind: Kind = "pseudonymous", note?: string): PersonalEntry => ({
  personal: true,
  of,
  kind,
  erase: { how: "keep", basis },
  ...(note ? { note } : {}),
});
/** Free text in rows that are not any one person's: only the sweep applies. */
const swept = (of: Subject[], note?: string): PersonalEntry => ({
  personal: true,
  of,
  kind: "free-text",
  erase: { how: "redact-text" },
  ...(note ? { note } : {}),
});

const BASIS = {
  count:
    "AVG art. 6(1)(e) and 17(3)(b): the award's public task needs exact, verifiable results; votes, tallies, advancement and " +
    "jury scores keep referring to the nominee's row, which erasure empties to the placeholder name, so the id names nobody",
  receipt:
    "AVG art. 6(1)(e): the receipt code lets a voter check that their ballot counted (the recount list publishes its SHA-256); " +
    "only the voter holds it, and once voter_id is null (account deletion, or retention after the edition) nobody can link it to them",
  jurySeat:
    "AVG art. 6(1)(e) and 17(3)(b): the jury's outcome must stay exact; scores and conflicts stay on the juror's seat, " +
    "which names nobody once the account is deleted (jury_seat.user_id null, ADR 0026)",
  juryMember:
    "AVG art. 6(1)(e): the jury's composition (which seat judged which categories) stays with the scores it explains; " +
    "the seat names nobody once its account is gone (ADR 0026); a seat without scores or conflicts is deleted with the account",
  audit:
    "AVG art. 5(2) accountability and art. 6(1)(c)/(e), 17(3)(b): the append-only audit trail shows who did what, when and from " +
    "where in the award procedure; personal strings in before/after are masked instead, and the id names nobody once the account is gone",
  resultList:
    "AVG art. 6(1)(e): the frozen recount lists must keep matching the SHA-256 published in their snapshot (ADR 0014); they " +
    "hold nominee ids (whose rows erasure empties) and SHA-256s of receipt codes, never a name, account or address",
  mergedNominee: "Links duplicates of the same person: erasure follows it to find them all, and afterwards both rows hold the placeholder",
  proposal:
    "The proposal row stays (its portrait, sources, comments and claims refer to it); erasing a living portrayed person masks " +
    "its name, organisation and role, so the id names nobody",
  years:
    "Required by the proposal's checks (book_proposal_years); with name, organisation and role masked, the years alone identify nobody",
  dpo:
    "AVG art. 37(7), 13(1)(b) and 6(1)(c): the controller must publish its data protection officer's contact details; an admin " +
    "replaces them when the officer changes, no erasure request removes them",
  controllerContact:
    "AVG art. 13(1)(a) and 6(1)(c): the privacy statement must give the controller's contact details (often a functional " +
    "address); an admin replaces them when they change",
  privacyRequest:
    "AVG art. 6(1)(c) with art. 12(3): the requester's name and address are needed to answer within the deadline; closing " +
    "the request queues the answer and clears both (a database check holds a closed request to no contact data)",
  objection:
    "AVG art. 21(3) and 6(1)(c): to honour an objection the address must be recognised; only its SHA-256 is kept, so the " +
    "outbox can drop mail to it without holding the address",
  erasureLog:
    "AVG art. 17 and 5(2): after a restore from a backup taken before an erasure, the erasure is applied again from these " +
    "ids (ADR 0043); they point at rows the erasure emptied or deleted, so they name nobody",
  unlinkedText:
    "Kept unlinked: once author_id is null the text belongs to the discussion, not to a person by any key; names in it are masked by the free-text sweep",
} as const;

const MEMBER_ROW = "Goes with the account (ON DELETE CASCADE).";
/** A one-time link for an account (verification, unlock, password reset): the row goes with the member. */
const MEMBER_TOKEN = {
  token_hash: rowOf(["member"], "technical", MEMBER_ROW),
  user_id: rowOf(["member"], "pseudonymous", MEMBER_ROW),
  expires_at: NO,
  used_at: NO,
  created_at: NO,
};

export const PERSONAL_DATA_MAP = {
  app_user: {
    id: rowOf(["member"], "pseudonymous", "The account id; audit_log.actor_id and jury_seat.id keep it after deletion (see there)."),
    email: rowOf(["member"], "contact"),
    name: rowOf(["member"], "identifying"),
    organisation: rowOf(["member"], "descriptive"),
    password_hash: rowOf(["member"], "technical"),
    locale: NO,
    email_verified_at: NO,
    created_at: NO,
    updated_at: NO,
    blocked_at: NO,
    blocked_reason: rowOf(
      ["member", "anyone"],
      "free-text",
      "An admin's reason for blocking; other people's names in it are masked by the sweep.",
    ),
  },
  audit_log: {
    id: NO,
    at: NO,
    actor_id: kept(["member"], BASIS.audit, "pseudonymous", "No foreign key: history outlives the account."),
    action: NO,
    entity_type: NO,
    entity_id: kept(
      ["member", "nominee", "portrayed"],
      BASIS.audit,
      "pseudonymous",
      "Text id of the entity (a nominee, an account, a proposal, ...).",
    ),
    before: swept(["anyone"], "Rewritten only under lauwer.erasure (audit_log_append_only recomputes lauwer_erase_jsonb)."),
    after: swept(["anyone"], "As before."),
    ip: kept(
      ["member"],
      "AVG art. 32 and 6(1)(f): the address an action came from is part of the security record of the append-only audit trail",
      "technical",
      "Unsure: a retention period for these addresses would be better than keeping them as long as the log.",
    ),
    request_id: NO,
    award_id: NO,
    book_project_id: NO,
  },
  award: { id: NO, slug: NO, name_nl: NO, name_en: NO, description_nl: NO, description_en: NO, created_at: NO },
  ballot: {
    id: NO,
    round_id: NO,
    edition_id: NO,
    category_id: NO,
    voter_id: unlinked(
      ["voter"],
      "The ballot itself stays counted (AVG art. 6(1)(e): the count must not change); only its link to the account goes: on account " +
        "deletion (ON DELETE SET NULL) and by retention after the edition.",
    ),
    version: NO,
    receipt_code: kept(["voter"], BASIS.receipt),
    ip: { personal: true, of: ["voter"], kind: "technical", erase: { how: "null" }, note: "Nulled by retention after the edition." },
    device_hash: {
      personal: true,
      of: ["voter"],
      kind: "technical",
      erase: { how: "null" },
      note: "Nulled by retention after the edition.",
    },
    cast_at: NO,
    updated_at: NO,
    voided_at: NO,
    void_reason: swept(["voter", "anyone"], "An organizer's reason for voiding."),
    voided_by: unlinked(),
  },
  ballot_choice: {
    ballot_id: NO,
    category_id: NO,
    nominee_id: kept(["nominee", "voter"], BASIS.count),
    rank: NO,
  },
  ballot_revision: {
    ballot_id: NO,
    version: NO,
    receipt_code: kept(["voter"], BASIS.receipt),
    choices: kept(["nominee", "voter"], BASIS.count, "pseudonymous", "Nominee ids of an earlier version of the ballot."),
    ip: {
      personal: true,
      of: ["voter"],
      kind: "technical",
      erase: { how: "null" },
      note: "Append-only; only lauwer.retention may null it (ballot_revision_append_only).",
    },
    device_hash: { personal: true, of: ["voter"], kind: "technical", erase: { how: "null" }, note: "As ip." },
    created_at: NO,
  },
  book_assignment: {
    proposal_id: kept(["portrayed"], BASIS.proposal),
    project_id: NO,
    user_id: unlinked(
      ["author"],
      "ON DELETE SET NULL only for a final portrait; an unfinished one is released (its row deleted) before the account goes.",
    ),
    status: NO,
    due_at: NO,
    published_at: NO,
    assigned_by: unlinked(),
    assigned_at: NO,
    status_changed_at: NO,
    reminded_at: NO,
  },
  book_author: {
    project_id: NO,
    user_id: rowOf(["author"], "pseudonymous", MEMBER_ROW),
    bio: rowOf(["author", "anyone"], "free-text", "Other people's names in it are masked by the sweep."),
    theme_ids: NO,
    period_from: NO,
    period_to: NO,
    writing_url: rowOf(["author"], "descriptive", "A link to the author's own writing."),
    capacity: NO,
    availability: rowOf(["author", "anyone"], "free-text", "Other people's names in it are masked by the sweep."),
    created_at: NO,
    updated_at: NO,
  },
  book_claim: {
    project_id: NO,
    proposal_id: kept(["portrayed"], BASIS.proposal),
    user_id: rowOf(["author"], "pseudonymous", "Goes with the author's profile (ON DELETE CASCADE)."),
    rank: NO,
    motivation: rowOf(["author", "anyone"], "free-text", "Names the portrayed person; masked by the sweep when that person is erased."),
    created_at: NO,
  },
  book_comment: {
    id: NO,
    proposal_id: kept(["portrayed"], BASIS.proposal),
    author_id: unlinked(["member"], "The comment stays under 'a deleted member'."),
    body: swept(["portrayed", "anyone"], "When its writer is erased: " + BASIS.unlinkedText),
    created_at: NO,
  },
  book_endorsement: {
    proposal_id: kept(["portrayed"], BASIS.proposal),
    user_id: rowOf(["member"], "pseudonymous", MEMBER_ROW),
    created_at: NO,
  },
  book_manuscript_comment: {
    id: NO,
    version_id: NO,
    author_id: unlinked(["member"], "Append-only: book_comment_append_only allows exactly this change."),
    body: swept(
      ["anyone"],
      "Append-only; under lauwer.erasure the trigger lets the body change to exactly its masked text (ADR 0042). " +
        "When its writer is erased: " +
        BASIS.unlinkedText,
    ),
    created_at: NO,
  },
  book_manuscript_version: {
    id: NO,
    proposal_id: kept(["portrayed"], BASIS.proposal),
    version: NO,
    author_id: unlinked(["author"], "Append-only: book_version_append_only allows exactly this change; the text stays with the book."),
    body: swept(
      ["portrayed", "anyone"],
      "The portrait text. Append-only; under lauwer.erasure the trigger lets the body change to exactly its masked text (ADR 0042). " +
        "When its writer is erased: " +
        BASIS.unlinkedText,
    ),
    word_count: NO,
    submitted: NO,
    created_at: NO,
  },
  book_project: {
    id: NO,
    slug: NO,
    title_nl: NO,
    title_en: NO,
    created_at: NO,
    description_nl: NO,
    description_en: NO,
    target_count: NO,
    period_from: NO,
    period_to: NO,
    words_min: NO,
    words_max: NO,
    proposals_close_at: NO,
    claims_close_at: NO,
    drafts_due_at: NO,
    final_due_at: NO,
  },
  book_proposal: {
    id: kept(["portrayed"], BASIS.proposal),
    project_id: NO,
    proposer_id: unlinked(),
    name: {
      personal: true,
      of: ["portrayed"],
      kind: "identifying",
      erase: { how: "replace", with: PLACEHOLDERS.mask },
      note: "Historical civil servants are mostly deceased (no AVG); a living one (death_year null) may object: erasing them masks name, organisation and role.",
    },
    birth_year: kept(["portrayed"], BASIS.years, "descriptive"),
    death_year: kept(["portrayed"], BASIS.years, "descriptive"),
    service_from: kept(["portrayed"], BASIS.years, "descriptive"),
    service_to: kept(["portrayed"], BASIS.years, "descriptive"),
    organisation: { personal: true, of: ["portrayed"], kind: "descriptive", erase: { how: "replace", with: PLACEHOLDERS.mask } },
    role: { personal: true, of: ["portrayed"], kind: "descriptive", erase: { how: "replace", with: PLACEHOLDERS.mask } },
    motivation: swept(["portrayed", "anyone"], "Written by the proposer."),
    theme_id: NO,
    status: NO,
    rejection_reason: swept(["portrayed", "anyone"], "An editor's reason."),
    merged_into_id: kept(["portrayed"], BASIS.proposal),
    status_changed_at: NO,
    created_at: NO,
  },
  book_source: {
    id: NO,
    proposal_id: kept(["portrayed"], BASIS.proposal),
    title: rowOf(["portrayed", "anyone"], "free-text", "A source about the portrayed person goes when that person is erased."),
    url: rowOf(["portrayed", "anyone"], "free-text", "A URL may carry a name; masking inside it would break it, so the row goes."),
    position: NO,
  },
  book_theme: { id: NO, project_id: NO, slug: NO, name_nl: NO, name_en: NO, position: NO },
  category: { id: NO, edition_id: NO, slug: NO, name_nl: NO, name_en: NO, position: NO },
  criterion: {
    id: NO,
    round_id: NO,
    position: NO,
    name_nl: NO,
    name_en: NO,
    description_nl: NO,
    description_en: NO,
    weight: NO,
    scale_min: NO,
    scale_max: NO,
    anchors: NO,
    comment_below: NO,
  },
  edition: {
    id: NO,
    award_id: NO,
    year: NO,
    created_at: NO,
    description_nl: NO,
    description_en: NO,
    theme_nl: NO,
    theme_en: NO,
    criteria_nl: NO,
    criteria_en: NO,
    nominee_kind: NO,
    max_nominee_age: NO,
    nomination_opens_at: NO,
    nomination_closes_at: NO,
    nominations_per_member: NO,
    // A secret HMAC key for the pseudonymous voter ids of exports: not about anyone by itself.
    export_salt: NO,
    retention_days: NO,
    anonymised_at: NO,
    ceremony_at: NO,
    ceremony_place: NO,
    jury_reminder_days: NO,
  },
  email_change_token: {
    token_hash: rowOf(["member"], "technical", MEMBER_ROW),
    user_id: rowOf(["member"], "pseudonymous", MEMBER_ROW),
    new_email: rowOf(["member"], "contact", MEMBER_ROW),
    expires_at: NO,
    used_at: NO,
    created_at: NO,
  },
  email_verification_token: MEMBER_TOKEN,
  erasure_log: {
    id: NO,
    at: NO,
    action: NO,
    nominee_ids: kept(["nominee"], BASIS.erasureLog),
    reference_ids: kept(["reference"], BASIS.erasureLog),
    invitation_ids: kept(["invitee"], BASIS.erasureLog),
    proposal_ids: kept(["portrayed"], BASIS.erasureLog),
  },
  fraud_snapshot: {
    round_id: NO,
    computed_at: NO,
    signals: rowOf(
      ["voter"],
      "technical",
      "IP addresses, /24 networks, device hashes and nominee ids (ADR 0038). Deleted by retention; a recomputable cache, so " +
        "erasing a voter may delete the round's snapshot.",
    ),
  },
  identity_link_token: {
    token_hash: rowOf(["member"], "technical", MEMBER_ROW),
    user_id: rowOf(["member"], "pseudonymous", MEMBER_ROW),
    provider: NO,
    subject: rowOf(["member"], "pseudonymous", "The person's id at the identity provider."),
    email: rowOf(["member"], "contact", MEMBER_ROW),
    organisation: rowOf(["member"], "descriptive", MEMBER_ROW),
    second_factor: NO,
    expires_at: NO,
    used_at: NO,
    created_at: NO,
  },
  jury_conflict: {
    round_id: NO,
    juror_id: kept(["juror"], BASIS.jurySeat),
    nominee_id: kept(["nominee"], BASIS.count),
    reason: {
      personal: true,
      of: ["nominee", "anyone"],
      kind: "free-text",
      erase: { how: "replace", with: PLACEHOLDERS.mask },
      note: "Describes the juror's tie to the nominee; it stays (on the seat) when the juror's account is deleted.",
    },
    created_at: NO,
  },
  jury_invite: {
    id: NO,
    edition_id: NO,
    email: rowOf(
      ["invitee"],
      "contact",
      "Deleted by retention, on account deletion when accepted, and when the person is erased (found by address).",
    ),
    category_ids: NO,
    token_hash: rowOf(["invitee"], "technical"),
    invited_by: unlinked(),
    expires_at: NO,
    accepted_at: NO,
    accepted_by: rowOf(["member"], "pseudonymous", "An accepted invitation goes with the account that accepted it (deletion.server.ts)."),
    created_at: NO,
    revoked_at: NO,
    revoked_by: unlinked(),
  },
  jury_member: {
    edition_id: NO,
    user_id: kept(["juror"], BASIS.juryMember),
    category_ids: NO,
    created_at: NO,
  },
  jury_score: {
    round_id: NO,
    juror_id: kept(["juror"], BASIS.jurySeat),
    nominee_id: kept(["nominee"], BASIS.count),
    criterion_id: NO,
    score: NO,
    comment: {
      personal: true,
      of: ["nominee", "anyone"],
      kind: "free-text",
      erase: { how: "replace", with: "" },
      note: "The juror's comment on the nominee; emptied for an erased nominee and by retention, kept on the seat when the juror leaves.",
    },
    updated_at: NO,
  },
  jury_seat: {
    id: kept(["juror"], BASIS.jurySeat, "pseudonymous", "Equals the former account id (as audit_log.actor_id does)."),
    user_id: unlinked(["juror"], "ON DELETE SET NULL; a seat without scores or conflicts is deleted instead."),
    created_at: NO,
  },
  legal_settings: {
    id: NO,
    organisation: NO,
    controller: NO,
    contact_email: kept(["anyone"], BASIS.controllerContact, "contact"),
    postal_address: NO,
    dpo_name: kept(["anyone"], BASIS.dpo, "identifying"),
    dpo_email: kept(["anyone"], BASIS.dpo, "contact"),
    statement_date: NO,
    last_check_date: NO,
    compliance: NO,
    limitations_nl: NO,
    limitations_en: NO,
    updated_at: NO,
    updated_by: unlinked(),
  },
  login_known_ip: {
    user_id: rowOf(["member"], "pseudonymous", MEMBER_ROW),
    ip: rowOf(["member"], "technical", MEMBER_ROW),
    last_success_at: NO,
  },
  login_throttle: {
    account: rowOf(["member", "anyone"], "contact", "The address typed at login, whether or not an account has it."),
    ip: rowOf(["member", "anyone"], "technical"),
    attempts: NO,
    next_allowed_at: NO,
    updated_at: NO,
  },
  login_unlock_token: MEMBER_TOKEN,
  mfa_challenge: {
    token_hash: rowOf(["member"], "technical", MEMBER_ROW),
    user_id: rowOf(["member"], "pseudonymous", MEMBER_ROW),
    redirect_to: NO,
    failures: NO,
    expires_at: NO,
    created_at: NO,
  },
  mfa_recovery_code: {
    user_id: rowOf(["member"], "pseudonymous", MEMBER_ROW),
    code_hash: rowOf(["member"], "technical", MEMBER_ROW),
    used_at: NO,
    created_at: NO,
  },
  mfa_totp: {
    user_id: rowOf(["member"], "pseudonymous", MEMBER_ROW),
    secret: rowOf(["member"], "technical", MEMBER_ROW),
    confirmed_at: NO,
    last_used_step: NO,
    created_at: NO,
  },
  nomination: {
    id: NO,
    edition_id: NO,
    nominee_id: kept(["nominee"], BASIS.count, "pseudonymous", "The nomination stays, emptied, so the nominee's counts stay."),
    submitted_for_nominee_id: kept(["nominee"], BASIS.count),
    nominator_id: unlinked(
      ["nominator"],
      "ON DELETE SET NULL: the nomination stays, under 'a deleted member'; retention keeps it (the member's own history).",
    ),
    motivation: {
      personal: true,
      of: ["nominee", "anyone"],
      kind: "free-text",
      erase: { how: "replace", with: "" },
      note: "Written by the nominator about the nominee; stays (unlinked) when the nominator's account goes.",
    },
    video_url: { personal: true, of: ["nominee"], kind: "descriptive", erase: { how: "null" } },
    relation: {
      personal: true,
      of: ["nominee", "nominator", "anyone"],
      kind: "free-text",
      erase: { how: "replace", with: "" },
      note: "How the nominator knows the nominee; emptied by retention for everyone; names in other nominations masked by the sweep.",
    },
    anonymous_to_nominee: NO,
    is_supporting: NO,
    created_at: NO,
    submission_key: NO,
  },
  nomination_draft: {
    edition_id: NO,
    user_id: rowOf(["nominator"], "pseudonymous", MEMBER_ROW),
    data: rowOf(
      ["nominator", "nominee", "reference", "anyone"],
      "free-text",
      "The unfinished form; a draft that names an erased person goes, as scrubEverywhere does.",
    ),
    updated_at: NO,
  },
  nomination_reference: {
    id: rowOf(["reference"], "pseudonymous"),
    nomination_id: NO,
    position: NO,
    name: rowOf(
      ["reference"],
      "identifying",
      "The references on the erased nominee's own nominations go, and the person as a reference on someone else's (found by name or address).",
    ),
    email: rowOf(["reference"], "contact", "As name."),
    relation: rowOf(["reference", "anyone"], "free-text", "Names in other references masked by the sweep."),
    token_hash: rowOf(["reference"], "technical"),
    expires_at: NO,
    statement: rowOf(["reference", "nominee", "anyone"], "free-text", "The reference's statement about the nominee."),
    submitted_at: NO,
    created_at: NO,
  },
  nominee: {
    id: kept(["nominee"], BASIS.count, "pseudonymous", "The row stays with the placeholder name so counts stay exact."),
    edition_id: NO,
    category_id: NO,
    kind: NO,
    name: {
      personal: true,
      of: ["nominee"],
      kind: "identifying",
      erase: { how: "replace", with: PLACEHOLDERS.erasedName },
      note: "An organisation's name (kind 'organisation') is not personal and stays at retention. The same person in another edition or award is found by address or by name in its spelling variants (case, diacritics, spacing).",
    },
    organisation: { personal: true, of: ["nominee"], kind: "descriptive", erase: { how: "replace", with: "" } },
    contact_email: { personal: true, of: ["nominee"], kind: "contact", erase: { how: "null" } },
    age: { personal: true, of: ["nominee"], kind: "descriptive", erase: { how: "null" } },
    pitch: {
      personal: true,
      of: ["nominee", "anyone"],
      kind: "free-text",
      erase: { how: "replace", with: "" },
      note: "Other nominees' pitches naming the person are masked by the sweep.",
    },
    story: {
      personal: true,
      of: ["nominee", "anyone"],
      kind: "free-text",
      erase: { how: "replace", with: "" },
      note: "Other nominees' stories naming the person are masked by the sweep.",
    },
    status: NO,
    rejection_reason: { personal: true, of: ["nominee", "anyone"], kind: "free-text", erase: { how: "null" } },
    consent_status: NO,
    consent_at: NO,
    merged_into: kept(["nominee"], BASIS.mergedNominee),
    redacted_at: NO,
    created_by: unlinked(),
    created_at: NO,
    updated_at: NO,
    is_candidate: NO,
    erased_at: NO,
    photo_consent_at: NO,
  },
  nominee_consent_token: {
    token_hash: rowOf(["nominee"], "technical"),
    nominee_id: rowOf(["nominee"], "pseudonymous"),
    expires_at: NO,
    used_at: NO,
    created_at: NO,
  },
  nominee_photo: {
    nominee_id: rowOf(["nominee"], "pseudonymous"),
    content: rowOf(["nominee"], "identifying", "The photo (or an organisation's logo)."),
    thumbnail: rowOf(["nominee"], "identifying"),
    content_hash: rowOf(["nominee"], "pseudonymous", "Part of the image's public address."),
    mime: NO,
    width: NO,
    height: NO,
    alt: rowOf(["nominee", "anyone"], "free-text", "Other photos' alt texts naming the person are masked by the sweep."),
    created_by: unlinked(),
    created_at: NO,
  },
  notice: {
    id: NO,
    kind: NO,
    subject: rowOf(["member", "nominee", "anyone"], "free-text", "It may name a nominee: masked by the sweep."),
    recipient: rowOf(["member", "nominee"], "contact"),
    edition_id: NO,
    project_id: NO,
    status: NO,
    outbox_id: NO,
    created_at: NO,
  },
  notice_kind: { kind: NO, introduced_at: NO },
  notice_preference: {
    email: rowOf(["member", "nominee"], "contact"),
    topic: NO,
    enabled: NO,
    updated_at: NO,
  },
  notice_recipient: {
    id: rowOf(["member", "nominee"], "pseudonymous", "In the unsubscribe links of mails (outbox_email.headers)."),
    email: rowOf(["member", "nominee"], "contact"),
    secret: rowOf(["member", "nominee"], "technical", "The HMAC key of the address's unsubscribe links."),
    created_at: NO,
  },
  // Random values of one sign-in attempt through an identity provider, tied to no account, gone when they expire.
  oidc_login: {
    state_hash: NO,
    browser_hash: NO,
    provider: NO,
    code_verifier: NO,
    nonce: NO,
    redirect_to: NO,
    created_at: NO,
    expires_at: NO,
  },
  privacy_request: {
    id: NO,
    kind: NO,
    received_on: NO,
    due_on: NO,
    name: kept(["anyone"], BASIS.privacyRequest, "identifying", "The person the request is from; cleared when it is closed."),
    email: kept(["anyone"], BASIS.privacyRequest, "contact", "Where the answer goes; cleared when the request is closed."),
    locale: NO,
    status: NO,
    outcome: NO,
    exported_at: NO,
    erased_at: NO,
    objected_at: NO,
    created_by: unlinked(),
    created_at: NO,
    closed_by: unlinked(),
    closed_at: NO,
  },
  mail_objection: {
    address_hash: kept(["anyone"], BASIS.objection, "pseudonymous"),
    request_id: NO,
    created_at: NO,
  },
  outbox_email: {
    id: NO,
    to_address: rowOf(["member", "nominee", "reference", "invitee", "anyone"], "contact", "Mail to the person goes."),
    locale: NO,
    template: NO,
    subject: rowOf(["member", "nominee", "reference", "invitee", "anyone"], "free-text"),
    body_text: rowOf(["member", "nominee", "reference", "invitee", "anyone"], "free-text", "Emptied once sent."),
    status: NO,
    attempts: NO,
    next_attempt_at: NO,
    locked_at: NO,
    sent_at: NO,
    last_error: rowOf(
      ["member", "nominee", "reference", "invitee", "anyone"],
      "free-text",
      "The mail server's answer may quote the address.",
    ),
    created_at: NO,
    body_html: rowOf(["member", "nominee", "reference", "invitee", "anyone"], "free-text", "Emptied once sent."),
    headers: rowOf(["member", "nominee"], "pseudonymous", "List-Unsubscribe holds the recipient's notice_recipient id."),
  },
  password_reset_token: MEMBER_TOKEN,
  prize: {
    id: NO,
    edition_id: NO,
    position: NO,
    kind: NO,
    name_nl: NO,
    name_en: NO,
    vote_round_id: NO,
    jury_round_id: NO,
    public_weight: NO,
    jury_weight: NO,
    places: NO,
    motivation_nl: swept(["nominee", "anyone"], "The jury's published motivation, naming the winners."),
    motivation_en: swept(["nominee", "anyone"], "As motivation_nl."),
  },
  rate_limit: {
    key: rowOf(["member", "anyone"], "technical", "'<limiter>:<e-mail, IP address or account id>'."),
    points: NO,
    expire: NO,
  },
  result_list: {
    edition_id: NO,
    version: NO,
    round_id: NO,
    list: NO,
    format: NO,
    body: kept(["nominee", "voter"], BASIS.resultList),
    sha256: NO,
  },
  result_snapshot: {
    id: NO,
    edition_id: NO,
    version: NO,
    body: swept(
      ["nominee", "anyone"],
      "Published results (names, organisations, prize motivations). Rewritten only under lauwer.erasure, with a new SHA-256 " +
        "(result_snapshot_append_only); retention leaves it as published.",
    ),
    sha256: NO,
    reason: swept(
      ["anyone"],
      "An organizer's reason for a new version. Under lauwer.erasure the trigger allows exactly reason = lauwer_erase_text(old " +
        "reason) (the hash covers the body only; ADR 0042).",
    ),
    published_by: unlinked(),
    published_at: NO,
  },
  role_grant: {
    id: NO,
    user_id: rowOf(["member"], "pseudonymous", MEMBER_ROW),
    role: NO,
    award_id: NO,
    edition_id: NO,
    book_project_id: NO,
    granted_by: unlinked(),
    created_at: NO,
  },
  role_invitation: {
    id: NO,
    email: rowOf(
      ["invitee"],
      "contact",
      "An accepted invitation goes with the account; any invitation goes when the person is erased (found by address).",
    ),
    role: NO,
    award_id: NO,
    book_project_id: NO,
    token_hash: rowOf(["invitee"], "technical"),
    invited_by: unlinked(),
    created_at: NO,
    expires_at: NO,
    accepted_at: NO,
    accepted_by: rowOf(["member"], "pseudonymous", "An accepted invitation goes with the account that accepted it (deletion.server.ts)."),
    revoked_at: NO,
    revoked_by: unlinked(),
  },
  round: {
    id: NO,
    edition_id: NO,
    position: NO,
    kind: NO,
    name_nl: NO,
    name_en: NO,
    opens_at: NO,
    closes_at: NO,
    source: NO,
    advancement: NO,
    advance_k: NO,
    settings: NO,
    ballot_mode: NO,
    max_choices: NO,
    allow_change: NO,
    show_live_totals: NO,
    eligibility: NO,
    // Organisations' mail domains, identity providers and organisation names: about organisations, not people.
    eligible_domains: NO,
    eligible_providers: NO,
    eligible_organisations: NO,
    tie_break: NO,
    short_code: NO,
    results_published_at: NO,
    revealed_at: NO,
    advanced_at: NO,
    jury_visibility: NO,
    blind: NO,
    show_vote_position: NO,
    aggregation: NO,
    normalize: NO,
    min_scores: NO,
    show_motivations: NO,
  },
  round_advancement: {
    round_id: NO,
    nominee_id: kept(["nominee"], BASIS.count),
    category_id: NO,
    place: NO,
    score: NO,
    decided_by: NO,
    reason: swept(["nominee", "anyone"], "An organizer's reason for a selection or tie decision."),
    created_at: NO,
  },
  round_invite: {
    round_id: NO,
    email: rowOf(["invitee"], "contact", "Deleted by retention, and when the person is erased (found by address)."),
    invited_by: unlinked(),
    created_at: NO,
  },
  // The projector screen's link key: a secret of the round, not of a person.
  round_screen: { round_id: NO, key: NO, created_at: NO },
  tally_count: {
    round_id: NO,
    category_id: NO,
    nominee_id: kept(["nominee"], BASIS.count),
    votes: NO,
    rank_sum: NO,
    firsts: NO,
  },
  tally_delta: {
    round_id: NO,
    category_id: NO,
    nominee_id: kept(["nominee"], BASIS.count),
    votes: NO,
    rank_sum: NO,
    firsts: NO,
  },
  user_identity: {
    id: NO,
    user_id: rowOf(["member"], "pseudonymous", MEMBER_ROW),
    provider: NO,
    subject: rowOf(["member"], "pseudonymous", "The person's id at the identity provider."),
    email: rowOf(["member"], "contact", MEMBER_ROW),
    organisation: rowOf(["member"], "descriptive", MEMBER_ROW),
    created_at: NO,
    last_used_at: NO,
  },
  user_session: {
    id: rowOf(["member"], "technical", "The session key. " + MEMBER_ROW),
    user_id: rowOf(["member"], "pseudonymous", MEMBER_ROW),
    expires_at: NO,
    absolute_expires_at: NO,
    created_at: NO,
    auth_method: NO,
    second_factor_at: NO,
    user_agent: rowOf(["member"], "technical", MEMBER_ROW),
    last_seen_at: NO,
  },
  webauthn_challenge: {
    challenge: NO,
    user_id: rowOf(["member"], "pseudonymous", MEMBER_ROW),
    purpose: NO,
    binding: rowOf(["member"], "technical", "SHA-256 of the sign-in step's token or the session id. " + MEMBER_ROW),
    expires_at: NO,
    created_at: NO,
  },
  webauthn_credential: {
    id: NO,
    user_id: rowOf(["member"], "pseudonymous", MEMBER_ROW),
    credential_id: rowOf(["member"], "technical", MEMBER_ROW),
    public_key: rowOf(["member"], "technical", MEMBER_ROW),
    counter: NO,
    transports: NO,
    name: rowOf(["member", "anyone"], "free-text", "The name the member gave the passkey. " + MEMBER_ROW),
    created_at: NO,
    last_used_at: NO,
  },
} satisfies TableMap<DB>;

/** Kysely's own bookkeeping tables (not in DB): migration names and the migration lock. */
export const INFRASTRUCTURE_MAP = {
  kysely_migration: { name: NO, timestamp: NO },
  kysely_migration_lock: { id: NO, is_locked: NO },
} satisfies Record<string, Record<string, ColumnEntry>>;

/** Every table of the public schema with its columns' entries: the map and the infrastructure tables. */
export function allTables(): Record<string, Record<string, ColumnEntry>> {
  return { ...PERSONAL_DATA_MAP, ...INFRASTRUCTURE_MAP };
}

/** The personal columns, table by table in the map's order: what erasure, the access export and the privacy statement walk. */
export function personalColumns(): Array<{ table: string; column: string; entry: PersonalEntry }> {
  const out: Array<{ table: string; column: string; entry: PersonalEntry }> = [];
  for (const [table, columns] of Object.entries(allTables()))
    for (const [column, entry] of Object.entries(columns)) if (entry.personal) out.push({ table, column, entry });
  return out;
}
