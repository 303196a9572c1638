import { sql, type Kysely } from "kysely";

// Audit scope: every audit row learns which award and/or book project it belongs to, so an award's
// organizers and a project's editors can read (and export) their part of the log. The columns carry
// no foreign keys: audit rows outlive what they describe. A BEFORE INSERT trigger fills them from
// (entity_type, entity_id) — and, when the entity is gone (deletes) or has a composite key, from
// the award_id / edition_id / round_id / project_id found in the row's after or before JSON.
// Rows without either (platform actions: admin role grants, the demo seed) have platform scope.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log add column award_id uuid, add column book_project_id uuid`.execute(db);

  await sql`create function audit_uuid(value text) returns uuid language sql immutable as $$
    select case when value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then value::uuid end
  $$`.execute(db);

  await sql`create function audit_scope_of(p_type text, p_id text, p_before jsonb, p_after jsonb, out award uuid, out project uuid)
    language plpgsql stable as $$
    declare
      v_id uuid := audit_uuid(p_id);
      j jsonb;
    begin
      if v_id is not null then
        case p_type
          when 'award' then award := v_id;
          when 'edition' then select e.award_id into award from edition e where e.id = v_id;
          when 'category' then
            select e.award_id into award from category c join edition e on e.id = c.edition_id where c.id = v_id;
          when 'round' then
            select e.award_id into award from round r join edition e on e.id = r.edition_id where r.id = v_id;
          when 'nominee' then
            select e.award_id into award from nominee n join edition e on e.id = n.edition_id where n.id = v_id;
          when 'nomination' then
            select e.award_id into award from nomination n join edition e on e.id = n.edition_id where n.id = v_id;
          when 'nomination_reference' then
            select e.award_id into award from nomination_reference x
              join nomination n on n.id = x.nomination_id join edition e on e.id = n.edition_id where x.id = v_id;
          when 'criterion' then
            select e.award_id into award from criterion c
              join round r on r.id = c.round_id join edition e on e.id = r.edition_id where c.id = v_id;
          when 'prize' then
            select e.award_id into award from prize p join edition e on e.id = p.edition_id where p.id = v_id;
          when 'result_snapshot' then
            select e.award_id into award from result_snapshot s join edition e on e.id = s.edition_id where s.id = v_id;
          when 'jury_invite' then
            select e.award_id into award from jury_invite i join edition e on e.id = i.edition_id where i.id = v_id;
          when 'ballot' then
            select e.award_id into award from ballot b join edition e on e.id = b.edition_id where b.id = v_id;
          when 'role_grant' then
            select coalesce(g.award_id, e.award_id), g.book_project_id into award, project
              from role_grant g left join edition e on e.id = g.edition_id where g.id = v_id;
          when 'book_project' then project := v_id;
          when 'book_theme' then select t.project_id into project from book_theme t where t.id = v_id;
          when 'book_proposal' then select b.project_id into project from book_proposal b where b.id = v_id;
          when 'book_assignment' then select a.project_id into project from book_assignment a where a.proposal_id = v_id;
          when 'book_source' then
            select b.project_id into project from book_source s join book_proposal b on b.id = s.proposal_id where s.id = v_id;
          when 'book_comment' then
            select b.project_id into project from book_comment c join book_proposal b on b.id = c.proposal_id where c.id = v_id;
          when 'book_manuscript_version' then
            select b.project_id into project from book_manuscript_version v
              join book_proposal b on b.id = v.proposal_id where v.id = v_id;
          else null;
        end case;
      end if;
      if award is null and project is null then
        -- Deleted entities and composite keys (jury_member, book_author, book_claim): the row's own JSON.
        foreach j in array array[p_after, p_before] loop
          continue when j is null or jsonb_typeof(j) <> 'object';
          award := coalesce(audit_uuid(j->>'award_id'), audit_uuid(j->>'awardId'));
          if award is null then
            select e.award_id into award from edition e
              where e.id = coalesce(audit_uuid(j->>'edition_id'), audit_uuid(j->>'editionId'));
          end if;
          if award is null then
            select e.award_id into award from round r join edition e on e.id = r.edition_id
              where r.id = coalesce(audit_uuid(j->>'round_id'), audit_uuid(j->>'roundId'));
          end if;
          project := coalesce(audit_uuid(j->>'book_project_id'), audit_uuid(j->>'project_id'), audit_uuid(j->>'projectId'));
          exit when award is not null or project is not null;
        end loop;
      end if;
    end $$`.execute(db);

  await sql`create function audit_log_fill_scope() returns trigger language plpgsql as $$
    begin
      if new.award_id is null and new.book_project_id is null then
        select s.award, s.project into new.award_id, new.book_project_id
          from audit_scope_of(new.entity_type, new.entity_id, new.before, new.after) s;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger audit_log_scope before insert on audit_log
    for each row execute function audit_log_fill_scope()`.execute(db);

  // Backfill: the one time history is touched, inside this migration's transaction.
  await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(db);
  await sql`update audit_log set (award_id, book_project_id) =
    (select s.award, s.project from audit_scope_of(entity_type, entity_id, before, after) s)`.execute(db);
  await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(db);

  // The viewers read newest first within one scope.
  await sql`create index audit_log_award_idx on audit_log (award_id, id) where award_id is not null`.execute(db);
  await sql`create index audit_log_book_project_idx on audit_log (book_project_id, id) where book_project_id is not null`.execute(db);
  await sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger audit_log_scope on audit_log`.execute(db);
  await sql`drop function audit_log_fill_scope()`.execute(db);
  await sql`drop function audit_scope_of(text, text, jsonb, jsonb)`.execute(db);
  await sql`drop function audit_uuid(text)`.execute(db);
  await sql`drop index audit_log_entity_idx`.execute(db);
  await sql`alter table audit_log drop column award_id, drop column book_project_id`.execute(db);
}
