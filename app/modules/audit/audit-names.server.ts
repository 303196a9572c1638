import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import type { RefKind, RefName } from "./audit-words";

// Names for the ids in audit entries: one query over the tables the log refers to, each by its
// primary key. An id that no longer resolves (a removed round, a revoked grant) stays unnamed.

interface NameRow {
  id: string;
  kind: RefKind;
  nl: string | null;
  en: string | null;
  at: Date | null;
}

export async function resolveAuditNames(db: DbOrTrx, ids: Iterable<string>, locale: Locale): Promise<Map<string, RefName>> {
  const list = [...new Set(ids)];
  const names = new Map<string, RefName>();
  if (list.length === 0) return names;
  const arr = sql`${list}::uuid[]`;
  const { rows } = await sql<NameRow>`
    select id::text, 'award' as kind, name_nl as nl, name_en as en, null::timestamptz as at from award where id = any(${arr})
    union all
    select e.id::text, 'edition', a.name_nl || ' ' || e.year, a.name_en || ' ' || e.year, null
      from edition e join award a on a.id = e.award_id where e.id = any(${arr})
    union all
    select c.id::text, 'category', c.name_nl || ' (' || a.name_nl || ' ' || e.year || ')', c.name_en || ' (' || a.name_en || ' ' || e.year || ')', null
      from category c join edition e on e.id = c.edition_id join award a on a.id = e.award_id where c.id = any(${arr})
    union all
    select id::text, 'round', 'Ronde ' || position || ' – ' || name_nl, 'Round ' || position || ' – ' || name_en, null from round where id = any(${arr})
    union all
    select id::text, 'nominee', name, name, null from nominee where id = any(${arr})
    union all
    select m.id::text, 'nomination', n.name, n.name, m.created_at
      from nomination m join nominee n on n.id = m.submitted_for_nominee_id where m.id = any(${arr})
    union all
    select id::text, 'criterion', name_nl, name_en, null from criterion where id = any(${arr})
    union all
    select id::text, 'prize', name_nl, name_en, null from prize where id = any(${arr})
    union all
    select id::text, 'user', name, name, null from app_user where id = any(${arr})
    union all
    select id::text, 'ballot', null, null, cast_at from ballot where id = any(${arr})
    union all
    select g.id::text, 'role_grant', u.name, u.name, null from role_grant g join app_user u on u.id = g.user_id where g.id = any(${arr})
    union all
    select id::text, 'jury_invite', email, email, null from jury_invite where id = any(${arr})
    union all
    select id::text, 'book_project', title_nl, title_en, null from book_project where id = any(${arr})
    union all
    select id::text, 'book_theme', name_nl, name_en, null from book_theme where id = any(${arr})
    union all
    select id::text, 'book_proposal', name, name, null from book_proposal where id = any(${arr})`.execute(db);
  for (const r of rows) {
    names.set(r.id, { kind: r.kind, name: locale === "en" ? r.en : r.nl, ...(r.at ? { at: new Date(r.at).toISOString() } : {}) });
  }
  return names;
}
