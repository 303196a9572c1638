import { sql, type Kysely } from "kysely";

// Teams without the platform admin (issue #16, ADR 0027): an invitation by e-mail to a role in its
// scope, for people who may not have an account yet. It becomes the role when an account with that
// address is verified (at verification, at sign-in, at SSO sign-in). The database holds the rules:
// the scope columns fit the role, one open invitation per address, role and scope, a bounded expiry,
// an invitation closes once (accepted or revoked) and never changes after, and only a verified
// account with the invited address can accept it, before it expires. Jurors keep their own
// invitations (jury_invite, with categories); they learn to be revoked and get the same guard.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table role_invitation (
    id uuid primary key default gen_random_uuid(),
    email text not null check (email = lower(email) and char_length(email) between 3 and 254),
    role text not null check (role in ('admin', 'organizer', 'editor')),
    award_id uuid references award(id) on delete cascade,
    book_project_id uuid references book_project(id) on delete cascade,
    token_hash text not null unique,
    invited_by uuid references app_user(id) on delete set null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    accepted_at timestamptz,
    accepted_by uuid references app_user(id) on delete set null,
    revoked_at timestamptz,
    revoked_by uuid references app_user(id) on delete set null,
    constraint role_invitation_scope check (
         (role = 'admin' and award_id is null and book_project_id is null)
      or (role = 'organizer' and award_id is not null and book_project_id is null)
      or (role = 'editor' and book_project_id is not null and award_id is null)),
    constraint role_invitation_expiry check (expires_at > created_at and expires_at <= created_at + interval '90 days'),
    constraint role_invitation_closed_once check (accepted_at is null or revoked_at is null)
  )`.execute(db);
  await sql`create unique index role_invitation_open on role_invitation (email, role,
      coalesce(award_id, '00000000-0000-0000-0000-000000000000'::uuid),
      coalesce(book_project_id, '00000000-0000-0000-0000-000000000000'::uuid))
    where accepted_at is null and revoked_at is null`.execute(db);
  await sql`create index role_invitation_award_idx on role_invitation (award_id) where award_id is not null`.execute(db);
  await sql`create index role_invitation_project_idx on role_invitation (book_project_id) where book_project_id is not null`.execute(db);

  // An expired open invitation no longer blocks a new one: it is closed (revoked at its expiry, by
  // nobody) by the insert of its successor, in the same statement.
  await sql`create function role_invitation_close_lapsed() returns trigger language plpgsql as $$
    begin
      update role_invitation set revoked_at = expires_at
        where email = new.email and role = new.role
          and award_id is not distinct from new.award_id and book_project_id is not distinct from new.book_project_id
          and accepted_at is null and revoked_at is null and expires_at <= now();
      return new;
    end $$`.execute(db);
  await sql`create trigger role_invitation_close_lapsed before insert on role_invitation
    for each row execute function role_invitation_close_lapsed()`.execute(db);

  // Who invited, accepted or revoked may become null (their account deleted); nothing else changes
  // once written, and a closed invitation stays closed.
  await sql`create function role_invitation_guard() returns trigger language plpgsql as $$
    begin
      if new.email is distinct from old.email or new.role is distinct from old.role
         or new.award_id is distinct from old.award_id or new.book_project_id is distinct from old.book_project_id
         or new.token_hash is distinct from old.token_hash or new.created_at is distinct from old.created_at
         or new.expires_at is distinct from old.expires_at
         or (new.invited_by is distinct from old.invited_by and new.invited_by is not null) then
        raise exception 'role invitation % cannot change', old.id using errcode = 'check_violation';
      end if;
      if old.accepted_at is not null or old.revoked_at is not null then
        if new.accepted_at is distinct from old.accepted_at or new.revoked_at is distinct from old.revoked_at
           or (new.accepted_by is distinct from old.accepted_by and new.accepted_by is not null)
           or (new.revoked_by is distinct from old.revoked_by and new.revoked_by is not null) then
          raise exception 'role invitation % is closed', old.id using errcode = 'check_violation';
        end if;
        return new;
      end if;
      if new.accepted_at is not null then
        if old.expires_at <= now() then
          raise exception 'role invitation % has expired', old.id using errcode = 'check_violation';
        end if;
        if not exists (select 1 from app_user u where u.id = new.accepted_by and u.email = old.email and u.email_verified_at is not null) then
          raise exception 'role invitation % is for another address', old.id using errcode = 'check_violation';
        end if;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger role_invitation_guard before update on role_invitation
    for each row execute function role_invitation_guard()`.execute(db);

  // Jury invitations: revocable, and never accepted once revoked or expired.
  await sql`alter table jury_invite
    add column revoked_at timestamptz,
    add column revoked_by uuid references app_user(id) on delete set null,
    add constraint jury_invite_closed_once check (accepted_at is null or revoked_at is null)`.execute(db);
  await sql`create function jury_invite_guard() returns trigger language plpgsql as $$
    begin
      if (old.accepted_at is not null or old.revoked_at is not null)
         and (new.accepted_at is distinct from old.accepted_at or new.revoked_at is distinct from old.revoked_at) then
        raise exception 'jury invitation % is closed', old.id using errcode = 'check_violation';
      end if;
      if new.accepted_at is not null and old.accepted_at is null and old.expires_at <= now() then
        raise exception 'jury invitation % has expired', old.id using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger jury_invite_guard before update on jury_invite
    for each row execute function jury_invite_guard()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger jury_invite_guard on jury_invite`.execute(db);
  await sql`drop function jury_invite_guard()`.execute(db);
  await sql`alter table jury_invite drop constraint jury_invite_closed_once, drop column revoked_by, drop column revoked_at`.execute(db);
  await sql`drop table role_invitation`.execute(db);
  await sql`drop function role_invitation_guard()`.execute(db);
  await sql`drop function role_invitation_close_lapsed()`.execute(db);
}
