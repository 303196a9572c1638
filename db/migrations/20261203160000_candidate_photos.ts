import { sql, type Kysely } from "kysely";

// Candidate photos and organisation logos (ADR 0017). The nominee's consent to a photo is stored
// explicitly (`nominee.photo_consent_at`), apart from the consent to stand. The processed image lives
// in PostgreSQL (`nominee_photo`, one per nominee) so app processes stay stateless and a backup holds
// everything. The database keeps the rules: a photo needs the photo consent of an accepted, unredacted
// nominee, and redacting, erasing, declining or withdrawing the photo consent removes the photo.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table nominee add column photo_consent_at timestamptz`.execute(db);
  await sql`create table nominee_photo (
    nominee_id uuid primary key references nominee(id) on delete cascade,
    content bytea not null constraint nominee_photo_content_size check (octet_length(content) between 1 and 1000000),
    thumbnail bytea not null constraint nominee_photo_thumbnail_size check (octet_length(thumbnail) between 1 and 200000),
    content_hash text not null constraint nominee_photo_hash check (content_hash ~ '^[0-9a-f]{64}$'),
    mime text not null constraint nominee_photo_mime check (mime in ('image/webp', 'image/jpeg')),
    width integer not null constraint nominee_photo_width check (width between 1 and 2000),
    height integer not null constraint nominee_photo_height check (height between 1 and 2000),
    alt text not null constraint nominee_photo_alt check (char_length(btrim(alt)) between 1 and 300),
    created_by uuid references app_user(id) on delete set null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create function nominee_photo_needs_consent() returns trigger language plpgsql as $$
    begin
      if not exists (select 1 from nominee n where n.id = new.nominee_id and n.photo_consent_at is not null
                     and n.consent_status = 'accepted' and n.redacted_at is null and n.erased_at is null) then
        raise exception 'nominee % has not consented to a photo', new.nominee_id using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger nominee_photo_needs_consent before insert or update on nominee_photo
    for each row execute function nominee_photo_needs_consent()`.execute(db);
  await sql`create function nominee_photo_follows_consent() returns trigger language plpgsql as $$
    begin
      if new.photo_consent_at is null or new.consent_status <> 'accepted' or new.redacted_at is not null or new.erased_at is not null then
        delete from nominee_photo where nominee_id = new.id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger nominee_photo_follows_consent after update of photo_consent_at, consent_status, redacted_at, erased_at on nominee
    for each row execute function nominee_photo_follows_consent()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger nominee_photo_follows_consent on nominee`.execute(db);
  await sql`drop function nominee_photo_follows_consent()`.execute(db);
  await sql`drop table nominee_photo`.execute(db);
  await sql`drop function nominee_photo_needs_consent()`.execute(db);
  await sql`alter table nominee drop column photo_consent_at`.execute(db);
}
