// Who may vote in a round, as one SQL condition (ADR 0005, 0025). The ballot statement writes a ballot
// only where it holds; the ballot page and "Mijn Lauwer" ask the same condition, so a round is offered
// exactly to those whose ballot would be accepted — one rule, evaluated by PostgreSQL, not a copy in
// TypeScript beside it.
import { sql, type RawBuilder } from "kysely";
import type { DbOrTrx } from "~/db.server";
import { findProvider } from "~/modules/identity/providers.server";
import type { Eligibility } from "../../../db/types";

/** What the rule needs to know of a round beside its row in the query. */
interface RoundRule {
  id: string;
  eligibility: Eligibility;
  eligible_providers: string[];
}

/** Who is asking: the account, and the session it asks with (a round limited to providers looks at how it signed in). */
export interface VoterRef {
  id: string;
  session?: { id: string } | null;
}

/**
 * True when this account, in this session, may vote in the round row aliased `round` in the enclosing
 * query: a confirmed address, and the round's rule — any confirmed account ('verified'); an address of
 * one of its domains or their subdomains ('domains'); its invitation list ('invite'); or ('providers')
 * this very session (of this account, not expired) signed in through one of its identity providers,
 * and, when the round names organisations, the provider named one of them for this account.
 */
export function mayVote(
  round: string,
  // Values, or SQL expressions of them (a statement that reads the voter from their session).
  voter: { id: string | RawBuilder<string>; session?: { id: string | RawBuilder<string> } | null },
): RawBuilder<boolean> {
  const r = (column: string) => sql.ref(`${round}.${column}`);
  const sessionId = voter.session?.id ?? null;
  return sql<boolean>`exists (select 1 from app_user u
    where u.id = ${voter.id}::uuid and u.email_verified_at is not null
      and case ${r("eligibility")}
        when 'verified' then true
        when 'domains' then exists (select 1 from unnest(${r("eligible_domains")}) d
          where split_part(lower(u.email), '@', 2) = d or split_part(lower(u.email), '@', 2) like '%.' || d)
        when 'providers' then exists (select 1 from user_session s
          where s.id = ${sessionId}::text and s.user_id = u.id and s.expires_at > now()
            and s.auth_method in (select 'oidc:' || x from unnest(${r("eligible_providers")}) x)
            and (cardinality(${r("eligible_organisations")}) = 0 or exists (select 1 from user_identity i
              where i.user_id = u.id and 'oidc:' || i.provider = s.auth_method
                and i.organisation = any(${r("eligible_organisations")}))))
        else exists (select 1 from round_invite i where i.round_id = ${r("id")} and i.email = lower(u.email))
      end)`;
}

export type Ineligible = "unverified" | "domain" | "invite" | "provider";

const REASON: Record<Eligibility, Ineligible> = {
  verified: "unverified",
  domains: "domain",
  invite: "invite",
  providers: "provider",
};

/** Why this account (in this session) may not vote in the round, for the voter; null when it may. */
export async function whyIneligible(
  db: DbOrTrx,
  round: Pick<RoundRule, "id" | "eligibility">,
  voter: VoterRef,
): Promise<Ineligible | null> {
  const row = await db
    .selectFrom("round")
    .select([
      mayVote("round", voter).as("eligible"),
      sql<boolean>`exists (select 1 from app_user u where u.id = ${voter.id}::uuid and u.email_verified_at is not null)`.as("verified"),
    ])
    .where("round.id", "=", round.id)
    .executeTakeFirst();
  if (!row?.verified) return "unverified";
  return row.eligible ? null : REASON[round.eligibility];
}

/**
 * For a round limited to identity providers that this session did not sign in through: the configured
 * providers to sign in with, which is what would let the person vote (a voter expects to be told how,
 * not to find the round missing). Empty otherwise — also when the session came through one of them and
 * the round's organisations exclude the person: signing in again would not change that.
 */
export function providersToVoteWith(
  round: Pick<RoundRule, "eligibility" | "eligible_providers">,
  session: { authMethod: string } | null | undefined,
): Array<{ slug: string; name: string }> {
  if (round.eligibility !== "providers") return [];
  if (round.eligible_providers.some((slug) => session?.authMethod === `oidc:${slug}`)) return [];
  return round.eligible_providers.flatMap((slug) => {
    const provider = findProvider(slug);
    return provider ? [{ slug, name: provider.name }] : [];
  });
}
