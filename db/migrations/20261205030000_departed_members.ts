import { sql, type Kysely } from "kysely";

// Deleting an account always finishes for jurors and authors, and keeps what an outcome rests on
// (issue #16 item 3, ADR 0026 amended):
// - jury_seat: a juror's place in the jury's records. Its id is the juror's account id while the
//   account exists (so every "where juror_id = <me>" stays as it is); when the account is deleted
//   its user_id becomes null and the seat stays, naming nobody. jury_member, jury_conflict and
//   jury_score refer to the seat instead of the account: scores (restrict) and conflicts (restrict)
//   are never taken with the account, so the jury's aggregate, its progress and a published
//   snapshot stay exactly what they were. A seat is made with its first membership, never relinks to
//   an account, and a departed seat scores no more.
// - book_manuscript_version refers to the portrait (book_proposal) rather than to its assignment:
//   the text belongs to the book, so an assignment can end (the portrait goes back to the editors)
//   while the versions stay. book_assignment.user_id may become null when the author's account is
//   deleted, but only for a finished (final) portrait: a portrait in progress is released first.
// - jury_invite_open_email: jury invitations are claimed by the invited address at sign-in (ADR 0027).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table jury_seat (
    id uuid primary key,
    user_id uuid unique references app_user(id) on delete set null,
    created_at timestamptz not null default now(),
    constraint jury_seat_own_id check (user_id is null or user_id = id)
  )`.execute(db);
  await sql`insert into jury_seat (id, user_id)
    select id, id from (select user_id as id from jury_member union select juror_id from jury_score union select juror_id from jury_conflict) s`.execute(
    db,
  );
  // Linked → unlinked (the account's deletion), once; the id never changes.
  await sql`create function jury_seat_guard() returns trigger language plpgsql as $$
    begin
      if new.id is distinct from old.id or (new.user_id is not null and new.user_id is distinct from old.user_id) then
        raise exception 'jury seat % keeps its id and never relinks', old.id using errcode = 'check_violation', constraint = 'jury_seat_guard';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger jury_seat_guard before update on jury_seat for each row execute function jury_seat_guard()`.execute(db);
  // A membership makes its seat (the account's own id), so every way in (the link, the claim, the
  // demo data) keeps working unchanged.
  await sql`create function jury_seat_for_member() returns trigger language plpgsql as $$
    begin
      insert into jury_seat (id, user_id) select u.id, u.id from app_user u where u.id = new.user_id on conflict (id) do nothing;
      return new;
    end $$`.execute(db);
  await sql`create trigger jury_seat_for_member before insert on jury_member for each row execute function jury_seat_for_member()`.execute(
    db,
  );
  // A departed seat's scores are what they were: no new score, no changed score (a comment may still
  // be erased, as erasure and retention do for everyone).
  await sql`create function jury_score_seat_linked() returns trigger language plpgsql as $$
    begin
      if (tg_op = 'INSERT' or new.score is distinct from old.score)
         and exists (select 1 from jury_seat s where s.id = new.juror_id and s.user_id is null) then
        raise exception 'juror % has left: their scores stay as they are', new.juror_id
          using errcode = 'check_violation', constraint = 'jury_seat_departed';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger jury_score_seat_linked before insert or update on jury_score
    for each row execute function jury_score_seat_linked()`.execute(db);

  await sql`alter table jury_member drop constraint jury_member_user_id_fkey,
    add constraint jury_member_user_id_fkey foreign key (user_id) references jury_seat(id) on delete cascade`.execute(db);
  await sql`alter table jury_conflict drop constraint jury_conflict_juror_id_fkey,
    add constraint jury_conflict_juror_id_fkey foreign key (juror_id) references jury_seat(id) on delete restrict`.execute(db);
  await sql`alter table jury_score drop constraint jury_score_juror_id_fkey,
    add constraint jury_score_juror_id_fkey foreign key (juror_id) references jury_seat(id) on delete restrict`.execute(db);

  await sql`alter table book_manuscript_version drop constraint book_manuscript_version_proposal_id_fkey,
    add constraint book_manuscript_version_proposal_id_fkey foreign key (proposal_id) references book_proposal(id) on delete restrict`.execute(
    db,
  );
  await sql`alter table book_assignment alter column user_id drop not null,
    add constraint book_assignment_author_or_final check (user_id is not null or status = 'final'),
    drop constraint book_assignment_author_fkey,
    add constraint book_assignment_author_fkey foreign key (project_id, user_id)
      references book_author(project_id, user_id) on delete set null (user_id)`.execute(db);

  await sql`create index jury_invite_open_email on jury_invite (email) where accepted_at is null and revoked_at is null`.execute(db);
}

// Back to scores, conflicts and memberships on the account, and versions on the assignment: refused
// while a departed juror's seat or a finished portrait without an author exists (they would have
// nothing to refer to, and dropping them would change a jury's outcome or the book).
export async function down(db: Kysely<any>): Promise<void> {
  await sql`do $$ begin
    if exists (select 1 from jury_seat where user_id is null) or exists (select 1 from book_assignment where user_id is null) then
      raise exception 'departed jurors or authorless portraits exist: this migration cannot be rolled back without losing them';
    end if;
  end $$`.execute(db);
  await sql`drop index jury_invite_open_email`.execute(db);
  await sql`alter table book_assignment drop constraint book_assignment_author_fkey, drop constraint book_assignment_author_or_final,
    alter column user_id set not null,
    add constraint book_assignment_author_fkey foreign key (project_id, user_id) references book_author(project_id, user_id) on delete restrict`.execute(
    db,
  );
  await sql`alter table book_manuscript_version drop constraint book_manuscript_version_proposal_id_fkey,
    add constraint book_manuscript_version_proposal_id_fkey foreign key (proposal_id) references book_assignment(proposal_id) on delete restrict`.execute(
    db,
  );
  await sql`alter table jury_score drop constraint jury_score_juror_id_fkey,
    add constraint jury_score_juror_id_fkey foreign key (juror_id) references app_user(id) on delete restrict`.execute(db);
  await sql`alter table jury_conflict drop constraint jury_conflict_juror_id_fkey,
    add constraint jury_conflict_juror_id_fkey foreign key (juror_id) references app_user(id) on delete cascade`.execute(db);
  await sql`alter table jury_member drop constraint jury_member_user_id_fkey,
    add constraint jury_member_user_id_fkey foreign key (user_id) references app_user(id) on delete cascade`.execute(db);
  await sql`drop trigger jury_score_seat_linked on jury_score`.execute(db);
  await sql`drop function jury_score_seat_linked()`.execute(db);
  await sql`drop trigger jury_seat_for_member on jury_member`.execute(db);
  await sql`drop function jury_seat_for_member()`.execute(db);
  await sql`drop table jury_seat`.execute(db);
  await sql`drop function jury_seat_guard()`.execute(db);
}
