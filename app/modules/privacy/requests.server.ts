import { sql } from "kysely";
import { config } from "~/config.server";
import type { Db, DbOrTrx } from "~/db.server";
import { translator } from "~/i18n/i18n";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { accessReportText } from "./access-report";
import { personData } from "./access.server";
import type { ErasureReason } from "./erasure.schema";
import { vacuum } from "./erasure.server";
import { erasePersonIn, resolvePerson, type PersonErased, type PersonQuery } from "./person.server";
import type { PrivacyRequestOf, RegisterRequestInput, RequestOutcome } from "./requests.schema";

// The register of privacy requests (issue #19 item 3, ADR 0045). Anyone — with or without an account —
// may ask what Lauwer holds about them (AVG art. 15), have it corrected (16) or erased (17), or object
// to its processing (21); the answer is due a month after the request came in (art. 12(3)). An admin
// registers the request, finds the person as an erasure does, downloads or reads what is held, erases
// or stops processing, and closes the request: the answer goes to the requester by mail and their name
// and address leave the register (a database check holds a closed request to none).

export type PrivacyRequest = PrivacyRequestOf<Date>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TODAY = sql`(now() at time zone 'Europe/Amsterdam')::date`;

function selectRequests(db: DbOrTrx) {
  return db
    .selectFrom("privacy_request")
    .select([
      "id",
      "kind",
      sql<string>`received_on::text`.as("received_on"),
      sql<string>`due_on::text`.as("due_on"),
      "name",
      "email",
      "locale",
      "status",
      "outcome",
      "exported_at",
      "erased_at",
      "objected_at",
      "closed_at",
      sql<boolean>`status = 'open' and due_on < ${TODAY}`.as("overdue"),
      sql<number>`due_on - ${TODAY}`.as("days_left"),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectRequests>["execute"]>>[number];
const toRequest = (r: Row): PrivacyRequest => ({
  id: r.id,
  kind: r.kind,
  receivedOn: r.received_on,
  dueOn: r.due_on,
  name: r.name,
  email: r.email,
  locale: r.locale,
  status: r.status,
  outcome: r.outcome,
  exportedAt: r.exported_at,
  erasedAt: r.erased_at,
  objectedAt: r.objected_at,
  closedAt: r.closed_at,
  overdue: r.overdue,
  daysLeft: r.days_left,
});

/** Registers a request; the due day follows from the day received. */
export async function registerRequest(db: Db, actor: Actor, input: RegisterRequestInput): Promise<Outcome<{ id: string }>> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("privacy_request")
      .values({
        kind: input.kind,
        received_on: input.receivedOn,
        name: input.name,
        email: input.email,
        locale: input.locale,
        created_by: actor.actorId,
      })
      .returning(["id", sql<string>`due_on::text`.as("due_on")])
      .executeTakeFirstOrThrow();
    // The entry holds what was asked and when, never who asked.
    await writeAudit(trx, actor, {
      action: "privacy.request.register",
      entityType: "privacy_request",
      entityId: row.id,
      after: { kind: input.kind, receivedOn: input.receivedOn, dueOn: row.due_on },
    });
    return ok({ id: row.id });
  });
}

/** The register: open requests by due day (overdue first), and the most recently closed. */
export async function listRequests(db: DbOrTrx) {
  const open = await selectRequests(db).where("status", "=", "open").orderBy("due_on").orderBy("created_at").execute();
  const closed = await selectRequests(db).where("status", "=", "closed").orderBy("closed_at", "desc").limit(50).execute();
  return { open: open.map(toRequest), closed: closed.map(toRequest) };
}

/** One request, or undefined (also for an id that is not a uuid). */
export async function getRequest(db: DbOrTrx, id: string): Promise<PrivacyRequest | undefined> {
  if (!UUID.test(id)) return undefined;
  const row = await selectRequests(db).where("id", "=", id).executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

/**
 * The person a request is about. By the address it came from; by the name too only for an erasure,
 * whose page lists every match before the admin confirms (as /beheer/privacy does). An access answer is
 * mailed and an objection withdraws candidacies and stops mail without a review of matches, so a name —
 * which a namesake may share — finds nothing there (it still masks, in an erasure).
 */
export function requestPerson(r: Pick<PrivacyRequest, "kind" | "name" | "email">): PersonQuery {
  return { names: r.kind === "erasure" && r.name ? [r.name] : [], emails: r.email ? [r.email] : [] };
}

async function openRequest(db: DbOrTrx, id: string): Promise<Outcome<PrivacyRequest>> {
  const r = await getRequest(db, id);
  if (!r) return refuse(404, "privacyRequests.errors.notFound");
  if (r.status !== "open") return refuse(409, "privacyRequests.errors.closed");
  return ok(r);
}

/** What is held about the requester (art. 15), for the download and the readable page; recorded once given. */
export async function requestReport(db: Db, actor: Actor, id: string, record: boolean) {
  const r = await getRequest(db, id);
  if (!r) return refuse(404, "privacyRequests.errors.notFound");
  if (r.status !== "open") return refuse(409, "privacyRequests.errors.closed");
  const report = await personData(db, requestPerson(r));
  if (record)
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("privacy_request")
        .set({ exported_at: sql`now()` })
        .where("id", "=", id)
        .execute();
      await writeAudit(trx, actor, { action: "privacy.request.export", entityType: "privacy_request", entityId: id });
    });
  return ok({ request: r, report });
}

/**
 * Erases the requester everywhere (art. 17), as the privacy page does, and notes it on the request, in
 * one transaction holding the request's row: a close or a second erase by another admin waits, then
 * finds it done.
 */
export async function eraseForRequest(db: Db, actor: Actor, id: string, reason: ErasureReason): Promise<Outcome<PersonErased>> {
  if (!UUID.test(id)) return refuse(404, "privacyRequests.errors.notFound");
  let touched = new Set<string>();
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome<PersonErased>> => {
    await trx.selectFrom("privacy_request").select("id").where("id", "=", id).forUpdate().execute();
    const found = await openRequest(trx, id);
    if (!found.ok) return found;
    if (found.value.erasedAt) return refuse(409, "privacyRequests.errors.alreadyErased");
    const done = await erasePersonIn(trx, actor, requestPerson(found.value), reason, {
      action: "person.erase",
      entityType: "person",
      entityId: null,
      extra: { request: id },
    });
    await trx
      .updateTable("privacy_request")
      .set({ erased_at: sql`now()` })
      .where("id", "=", id)
      .execute();
    touched = done.touched;
    return ok(done.erased);
  });
  await vacuum(db, touched);
  return outcome;
}

/**
 * Stops processing the requester (art. 21): their nominations are withdrawn from everything public and
 * from exports (consent declined: no longer a candidate, their data no longer exported, their photo
 * gone), and no mail reaches their addresses any more but the answer to this request (mail_objection,
 * enforced by the outbox's trigger); mails still waiting to be sent to them are dropped.
 */
export async function objectForRequest(db: Db, actor: Actor, id: string): Promise<Outcome<{ nominees: number; addresses: number }>> {
  return db.transaction().execute(async (trx) => {
    if (!UUID.test(id)) return refuse(404, "privacyRequests.errors.notFound");
    // One action on a request at a time (two admins closing it twice would mail twice).
    await trx.selectFrom("privacy_request").select("id").where("id", "=", id).forUpdate().execute();
    const found = await openRequest(trx, id);
    if (!found.ok) return found;
    const person = await resolvePerson(trx, requestPerson(found.value));
    const withdrawn = person.ids.length
      ? await trx
          .updateTable("nominee")
          .set({ consent_status: "declined", consent_at: sql`now()`, updated_at: sql`now()` })
          .where("id", "in", person.ids)
          .where("consent_status", "<>", "declined")
          .where("erased_at", "is", null)
          .returning("id")
          .execute()
      : [];
    const addresses = person.ownEmails;
    if (addresses.length) {
      await sql`insert into mail_objection (address_hash, request_id)
        select lauwer_address_hash(a), ${id}::uuid from unnest(${addresses}::text[]) a
        on conflict (address_hash) do nothing`.execute(trx);
      await trx
        // Everything not delivered yet (a mail a worker is sending right now may still go out).
        .deleteFrom("outbox_email")
        .where("status", "<>", "sent")
        .where(sql<boolean>`lower(to_address) = any(${addresses}::text[])`)
        .execute();
    }
    await trx
      .updateTable("privacy_request")
      .set({ objected_at: sql`now()` })
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, actor, {
      action: "privacy.request.object",
      entityType: "privacy_request",
      entityId: id,
      after: { nominees: withdrawn.map((n) => n.id), addresses: addresses.length },
    });
    return ok({ nominees: withdrawn.length, addresses: addresses.length });
  });
}

/**
 * Closes a request: the answer (for access, with what is held) is queued to the requester in their
 * language, and their name and address leave the register, in one transaction. "erased" and "objected"
 * can only be said of what was done.
 */
export async function closeRequest(db: Db, actor: Actor, id: string, outcome: RequestOutcome): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    if (!UUID.test(id)) return refuse(404, "privacyRequests.errors.notFound");
    // One action on a request at a time (two admins closing it twice would mail twice).
    await trx.selectFrom("privacy_request").select("id").where("id", "=", id).forUpdate().execute();
    const found = await openRequest(trx, id);
    if (!found.ok) return found;
    const r = found.value;
    if (outcome === "erased" && !r.erasedAt) return refuse(409, "privacyRequests.errors.notErased", { field: "outcome" });
    if (outcome === "objected" && !r.objectedAt) return refuse(409, "privacyRequests.errors.notObjected", { field: "outcome" });
    const t = translator(r.locale);
    const parts = [t(`privacyRequests.answers.${outcome}`, { kind: t(`privacyRequests.kinds.${r.kind}`), received: r.receivedOn })];
    if (r.kind === "access" && outcome === "answered") parts.push(accessReportText(await personData(trx, requestPerson(r)), t));
    await enqueueMail(trx, {
      to: r.email!,
      locale: r.locale,
      template: "privacyAnswer",
      name: r.name || r.email!,
      link: `${config().origin}/privacy`,
      params: { answer: parts.join("\n\n") },
    });
    await trx
      .updateTable("privacy_request")
      .set({ status: "closed", outcome, closed_at: sql`now()`, closed_by: actor.actorId, name: "", email: null })
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, actor, {
      action: "privacy.request.close",
      entityType: "privacy_request",
      entityId: id,
      after: { kind: r.kind, outcome },
    });
    return ok();
  });
}
