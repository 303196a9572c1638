import { sql, type Kysely } from "kysely";

// The register of privacy requests (issue #19 item 3, ADR 0045): a request from anyone — with or
// without an account — to see (AVG art. 15), erase (art. 17), object to (art. 21) or correct (art. 16)
// what Lauwer holds about them, with the day it was received and the day the answer is due (art. 12(3):
// one month). The requester's name and address are held only while the request is open: closing it
// queues the answer to that address and clears them, so the register keeps kind, dates and outcome.
//
// An objection (art. 21) stops mail to the person: their address is kept as a SHA-256 only
// (mail_objection), and the outbox drops any mail to it but the answer to their own request.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table privacy_request (
    id uuid primary key default gen_random_uuid(),
    kind text not null check (kind in ('access', 'erasure', 'objection', 'rectification')),
    received_on date not null,
    due_on date generated always as ((received_on + interval '1 month')::date) stored,
    name text not null default '' check (char_length(name) <= 200),
    email text check (email is null or char_length(email) <= 254),
    locale text not null default 'nl' check (locale in ('nl', 'en')),
    status text not null default 'open' check (status in ('open', 'closed')),
    outcome text check (outcome in ('answered', 'erased', 'objected', 'rectified', 'nothing_held', 'refused')),
    exported_at timestamptz,
    erased_at timestamptz,
    objected_at timestamptz,
    created_by uuid references app_user (id) on delete set null,
    created_at timestamptz not null default now(),
    closed_by uuid references app_user (id) on delete set null,
    closed_at timestamptz,
    -- Open: someone to answer; closed: an outcome, a time, and no contact data any more.
    constraint privacy_request_open_has_contact check (status <> 'open' or (email is not null and outcome is null and closed_at is null)),
    constraint privacy_request_closed_is_cleared check (status <> 'closed' or (outcome is not null and closed_at is not null and email is null and name = ''))
  )`.execute(db);
  await sql`create index privacy_request_open_due on privacy_request (due_on) where status = 'open'`.execute(db);
  await sql`create index privacy_request_closed_at on privacy_request (closed_at desc) where status = 'closed'`.execute(db);

  await sql`create table mail_objection (
    address_hash bytea primary key check (octet_length(address_hash) = 32),
    request_id uuid references privacy_request (id) on delete set null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create function lauwer_address_hash(address text) returns bytea language sql immutable strict parallel safe
    as $$ select sha256(convert_to(lower(btrim(address)), 'UTF8')) $$`.execute(db);
  // An address that objected gets no mail but the answer to its own request (art. 21(3)).
  await sql`create function outbox_email_objection() returns trigger language plpgsql as $$
    begin
      if new.template <> 'privacyAnswer'
         and exists (select 1 from mail_objection where address_hash = lauwer_address_hash(new.to_address)) then
        return null;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger outbox_email_objection before insert on outbox_email
    for each row execute function outbox_email_objection()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists outbox_email_objection on outbox_email`.execute(db);
  await sql`drop function if exists outbox_email_objection()`.execute(db);
  await sql`drop table if exists mail_objection`.execute(db);
  await sql`drop function if exists lauwer_address_hash(text)`.execute(db);
  await sql`drop table if exists privacy_request`.execute(db);
}
