import { sql, type Kysely } from "kysely";

// Admin user management (#16, ADR 0028):
// - app_user_search_trgm: the admin's search over name, e-mail and organisation matches any part
//   (`%term%`) through one trigram index on the folded text of the three, so it stays an index scan
//   with many accounts; app_user_name_idx serves its pages by name (the list without a term);
// - app_user_keep_an_admin: blocking an account that holds the platform admin role is refused unless
//   another admin stays unblocked. The check takes one transaction-scoped advisory lock first, so two
//   admins blocking each other at the same moment cannot both succeed.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index app_user_search_trgm on app_user
    using gin (lauwer_fold(name || ' ' || email || ' ' || organisation) gin_trgm_ops)`.execute(db);
  await sql`create index app_user_name_idx on app_user (name, id)`.execute(db);
  await sql`create function app_user_keep_an_admin() returns trigger language plpgsql as $$
    begin
      if new.blocked_at is not null and old.blocked_at is null
         and exists (select 1 from role_grant where user_id = new.id and role = 'admin') then
        perform pg_advisory_xact_lock(hashtext('app_user_keep_an_admin'));
        if not exists (
          select 1 from role_grant g join app_user u on u.id = g.user_id
          where g.role = 'admin' and u.id <> new.id and u.blocked_at is null
        ) then
          raise exception 'the last platform admin cannot be blocked' using errcode = 'P0001', constraint = 'app_user_keep_an_admin';
        end if;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger app_user_keep_an_admin before update of blocked_at on app_user
    for each row execute function app_user_keep_an_admin()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger app_user_keep_an_admin on app_user`.execute(db);
  await sql`drop function app_user_keep_an_admin()`.execute(db);
  await sql`drop index app_user_name_idx`.execute(db);
  await sql`drop index app_user_search_trgm`.execute(db);
}
