import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import type { AccessReport } from "./access-report";
import { resolvePerson, type PersonQuery } from "./person.server";
import { countMentions, termPatterns } from "./sweep.server";

/**
 * Everything Lauwer holds about a person (AVG art. 15), found as an erasure would find them (ADR 0042):
 * their accounts, their records as a nominee with the motivations written for them, their references on
 * others' nominations, invitations, portraits in the book, mails to them, and where other people's texts
 * name them (the places and counts: those texts are their writers').
 */
export async function personData(db: DbOrTrx, query: PersonQuery): Promise<AccessReport> {
  const r = await resolvePerson(db, query);
  const ids = r.ids.length ? r.ids : ["00000000-0000-0000-0000-000000000000"];
  const [accounts, nominees, motivations, references, invitations, portrayed, mentions, mails] = await Promise.all([
    sql<{ name: string; email: string; organisation: string; created_at: Date; roles: string[]; ballots: number; nominations: number }>`
      select u.name, u.email, u.organisation, u.created_at,
        coalesce((select array_agg(distinct g.role order by g.role) from role_grant g where g.user_id = u.id), '{}') as roles,
        (select count(*)::int from ballot b where b.voter_id = u.id) as ballots,
        (select count(*)::int from nomination m where m.nominator_id = u.id) as nominations
      from app_user u where lower(u.email) = any(${r.ownEmails}::text[]) order by u.created_at`.execute(db),
    db
      .selectFrom("nominee as n")
      .innerJoin("edition as e", "e.id", "n.edition_id")
      .innerJoin("award as a", "a.id", "e.award_id")
      .innerJoin("category as c", "c.id", "n.category_id")
      .select([
        "n.id",
        "a.name_nl as award",
        "e.year",
        "c.name_nl as category",
        "n.kind",
        "n.name",
        "n.organisation",
        "n.contact_email",
        "n.age",
        "n.pitch",
        "n.story",
        "n.status",
        "n.consent_status",
        sql<boolean>`n.erased_at is not null`.as("erased"),
      ])
      .where("n.id", "in", ids)
      .orderBy("e.year", "desc")
      .orderBy("a.name_nl")
      .execute(),
    db
      .selectFrom("nomination")
      .select(["nominee_id", "motivation"])
      .where("nominee_id", "in", ids)
      .where("motivation", "<>", "")
      .orderBy("created_at")
      .execute(),
    sql<{ award: string; year: number; for_nominee: string; name: string; email: string; relation: string; statement: string | null }>`
      select a.name_nl as award, e.year, n.name as for_nominee, x.name, x.email, x.relation, x.statement
      from nomination_reference x join nomination m on m.id = x.nomination_id join nominee n on n.id = m.nominee_id
      join edition e on e.id = n.edition_id join award a on a.id = e.award_id
      where x.id = any(${r.references.map((x) => x.id)}::uuid[]) order by e.year desc, a.name_nl`.execute(db),
    sql<{ kind: "jury" | "role" | "round"; created_at: Date }>`
      select 'jury' as kind, created_at from jury_invite where lower(email) = any(${r.ownEmails}::text[])
      union all select 'role', created_at from role_invitation where lower(email) = any(${r.ownEmails}::text[])
      union all select 'round', created_at from round_invite where lower(email) = any(${r.ownEmails}::text[])
      order by created_at`.execute(db),
    r.typed.length
      ? db
          .selectFrom("book_proposal as p")
          .innerJoin("book_project as b", "b.id", "p.project_id")
          .select(["p.name", "b.title_nl as project"])
          .where(sql<boolean>`p.name ~* any(${r.typed}::text[])`)
          .where("p.death_year", "is", null)
          .execute()
      : Promise.resolve([]),
    termPatterns(db, r.terms).then(async (patterns) => {
      const inTexts = await countMentions(db, patterns);
      if (!patterns.length) return inTexts;
      // Mails to other people that name them (those to them are listed below).
      const other = await sql<{ n: number }>`select count(*)::int as n from outbox_email
        where not (lower(to_address) = any(${r.ownEmails}::text[]))
          and (subject ~* any(${patterns}::text[]) or body_text ~* any(${patterns}::text[]))`.execute(db);
      const n = other.rows[0]!.n;
      return n ? [...inTexts, { table: "outbox_email", column: "body_text", rows: n }] : inTexts;
    }),
    db
      .selectFrom("outbox_email")
      .select(["subject", "created_at", "status"])
      .where(sql<boolean>`lower(to_address) = any(${r.ownEmails}::text[])`)
      .orderBy("created_at")
      .execute(),
  ]);
  return {
    madeAt: new Date().toISOString(),
    accounts: accounts.rows.map((a) => ({
      name: a.name,
      email: a.email,
      organisation: a.organisation,
      createdAt: a.created_at.toISOString(),
      roles: a.roles,
      ballots: a.ballots,
      nominationsMade: a.nominations,
    })),
    nominees: nominees.map((n) => ({
      award: n.award,
      year: n.year,
      category: n.category,
      kind: n.kind,
      name: n.name,
      organisation: n.organisation,
      contactEmail: n.contact_email,
      age: n.age,
      pitch: n.pitch,
      story: n.story,
      status: n.status,
      consent: n.consent_status,
      erased: n.erased,
      motivations: motivations.filter((m) => m.nominee_id === n.id).map((m) => m.motivation),
    })),
    references: references.rows.map((x) => ({
      award: x.award,
      year: x.year,
      forNominee: x.for_nominee,
      name: x.name,
      email: x.email,
      relation: x.relation,
      statement: x.statement,
    })),
    invitations: invitations.rows.map((i) => ({ kind: i.kind, createdAt: new Date(i.created_at).toISOString() })),
    portrayed: portrayed.map((p) => ({ name: p.name, project: p.project })),
    mentions,
    mails: mails.map((m) => ({ subject: m.subject, createdAt: m.created_at.toISOString(), status: m.status })),
  };
}
