// A vote round limited to identity providers (issue #16 item 1, ADR 0025): only a session signed in
// through one of the round's providers votes; the ballot statement itself checks the session's
// sign-in method in the database, so code that skipped the rule could still not write the ballot.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSession } from "~/auth/lucia.server";
import { getDb } from "~/db.server";
import { castBallot, firstBallotSql, newReceiptCode } from "~/modules/voting/ballot.server";
import { candidateSource, loadVotingRound, whyIneligible } from "~/modules/voting/round.server";
import { RoundSchema } from "~/modules/awards/procedure.schema";
import { addRound } from "~/modules/awards/procedure.server";
import { forgetProviders } from "~/modules/identity/providers.server";
import { createEdition, createUser } from "../setup/factories";
import { createVoteRound, type VoteRound } from "../setup/voting";

async function voterWith(authMethod: string) {
  const user = await createUser();
  const { session } = await createSession(user.id, { authMethod });
  return { user, session: { id: session.id, authMethod } };
}

async function cast(r: VoteRound, v: Awaited<ReturnType<typeof voterWith>>) {
  const round = await loadVotingRound(getDb(), r.editionId, String(r.position));
  const categoryId = r.categoryIds[0]!;
  return castBallot(getDb(), {
    round,
    sourceRoundId: await candidateSource(getDb(), round),
    categoryId,
    voter: { id: v.user.id, email: v.user.email, name: v.user.name, locale: "nl", emailVerified: true, session: v.session },
    choices: [r.candidates[categoryId]![0]!],
    ip: "192.0.2.20",
    device: null,
    mail: { award: "Prijs", category: "Categorie", link: "http://localhost:3000/mijn-stemmen" },
  });
}

const ballots = (roundId: string) => getDb().selectFrom("ballot").select("voter_id").where("round_id", "=", roundId).execute();

describe("vote rounds limited to identity providers", () => {
  it("lets only sessions signed in through one of the round's providers vote", async () => {
    const r = await createVoteRound({ eligibility: "providers", providers: ["test-idp", "pleio"] });
    const password = await voterWith("password");
    const other = await voterWith("oidc:other-idp");
    const viaIdp = await voterWith("oidc:test-idp");
    const viaPleio = await voterWith("oidc:pleio");

    expect(await cast(r, password)).toMatchObject({ ok: false, status: 403, error: "voting.errors.notEligible" });
    expect(await cast(r, other)).toMatchObject({ ok: false, status: 403 });
    expect(await cast(r, viaIdp)).toMatchObject({ ok: true });
    expect(await cast(r, viaPleio)).toMatchObject({ ok: true });
    expect((await ballots(r.roundId)).map((b) => b.voter_id).sort()).toEqual([viaIdp.user.id, viaPleio.user.id].sort());

    const round = await loadVotingRound(getDb(), r.editionId, String(r.position));
    expect(await whyIneligible(getDb(), round, { ...password.user, session: password.session })).toBe("provider");
    expect(await whyIneligible(getDb(), round, { ...viaIdp.user, session: viaIdp.session })).toBeNull();
  });

  it("is enforced by the ballot statement itself: another person's or a password session writes nothing", async () => {
    const r = await createVoteRound({ eligibility: "providers", providers: ["test-idp"] });
    const categoryId = r.categoryIds[0]!;
    const password = await voterWith("password");
    const viaIdp = await voterWith("oidc:test-idp");
    const run = (voterId: string, sessionId: string | null) =>
      firstBallotSql({
        roundId: r.roundId,
        categoryId,
        voterId,
        sessionId,
        sourceRoundId: null,
        choices: [r.candidates[categoryId]![0]!],
        receipt: newReceiptCode(),
        ip: null,
        device: null,
        mail: { to: "x@example.nl", locale: "nl", subject: "s", body: "b" },
      }).execute(getDb());
    // A password session; another person's provider session; no session at all.
    for (const [voter, session] of [
      [password.user.id, password.session.id],
      [password.user.id, viaIdp.session.id],
      [password.user.id, null],
      [password.user.id, randomBytes(20).toString("hex")],
    ] as const) {
      const row = (await run(voter, session)).rows[0]!;
      expect(row).toMatchObject({ eligible: false, ballot_id: null });
    }
    expect(await ballots(r.roundId)).toEqual([]);
    expect((await run(viaIdp.user.id, viaIdp.session.id)).rows[0]).toMatchObject({ eligible: true });
  });

  it("can be limited further to the organisations the provider names (organisation claim)", async () => {
    const r = await createVoteRound({ eligibility: "providers", providers: ["test-idp"], organisations: ["Ministerie van BZK"] });
    const withClaim = async (organisation: string | null) => {
      const v = await voterWith("oidc:test-idp");
      await getDb()
        .insertInto("user_identity")
        .values({ user_id: v.user.id, provider: "test-idp", subject: `sub-${v.user.id}`, email: v.user.email, organisation })
        .execute();
      return v;
    };
    const bzk = await withClaim("Ministerie van BZK");
    const gemeente = await withClaim("Gemeente Utrecht");
    const none = await withClaim(null);
    const noIdentity = await voterWith("oidc:test-idp");
    expect(await cast(r, gemeente)).toMatchObject({ ok: false, status: 403 });
    expect(await cast(r, none)).toMatchObject({ ok: false, status: 403 });
    expect(await cast(r, noIdentity)).toMatchObject({ ok: false, status: 403 });
    expect(await cast(r, bzk)).toMatchObject({ ok: true });
    expect((await ballots(r.roundId)).map((b) => b.voter_id)).toEqual([bzk.user.id]);
    const round = await loadVotingRound(getDb(), r.editionId, String(r.position));
    expect(await whyIneligible(getDb(), round, { ...gemeente.user, session: gemeente.session })).toBe("provider");
    expect(await whyIneligible(getDb(), round, { ...bzk.user, session: bzk.session })).toBeNull();
  });

  it("enforces the organisation claim in the ballot statement too", async () => {
    const r = await createVoteRound({ eligibility: "providers", providers: ["test-idp"], organisations: ["Ministerie van BZK"] });
    const categoryId = r.categoryIds[0]!;
    const v = await voterWith("oidc:test-idp");
    await getDb()
      .insertInto("user_identity")
      .values({
        user_id: v.user.id,
        provider: "test-idp",
        subject: `sub-${v.user.id}`,
        email: v.user.email,
        organisation: "Gemeente Utrecht",
      })
      .execute();
    const row = (
      await firstBallotSql({
        roundId: r.roundId,
        categoryId,
        voterId: v.user.id,
        sessionId: v.session.id,
        sourceRoundId: null,
        choices: [r.candidates[categoryId]![0]!],
        receipt: newReceiptCode(),
        ip: null,
        device: null,
        mail: { to: v.user.email, locale: "nl", subject: "s", body: "b" },
      }).execute(getDb())
    ).rows[0]!;
    expect(row).toMatchObject({ eligible: false, ballot_id: null });
  });

  it("cannot be saved without a provider", async () => {
    await expect(createVoteRound({ eligibility: "providers", providers: [] })).rejects.toThrow(/round_providers/);
  });

  it("is set in the procedure form with configured providers only", async () => {
    process.env.OIDC_PROVIDERS = JSON.stringify([{ slug: "pleio", name: "Pleio", issuer: "https://account.pleio.nl", clientId: "lauwer" }]);
    forgetProviders();
    try {
      const e = await createEdition();
      const round = (providers: string, organisations = "") =>
        RoundSchema.safeParse({
          kind: "public_vote",
          nameNl: "Stemming",
          nameEn: "Vote",
          opensAt: "2099-01-01T09:00",
          closesAt: "2099-01-15T17:00",
          source: "all",
          advancement: "none",
          eligibility: "providers",
          providers,
          organisations,
        });
      expect(round("").success).toBe(false);
      expect(round("Niet Goed!").success).toBe(false);
      const unknown = round("pleio, entra");
      expect(unknown.success && (await addRound(getDb(), { actorId: null }, e.editionId, unknown.data))).toMatchObject({
        ok: false,
        error: "oidc.eligibility.errors.providers",
        field: "providers",
      });
      const known = round("Pleio", " Ministerie van BZK;\nGemeente Utrecht ");
      expect(known.success && (await addRound(getDb(), { actorId: null }, e.editionId, known.data))).toMatchObject({ ok: true });
      const saved = await getDb()
        .selectFrom("round")
        .select(["eligibility", "eligible_providers", "eligible_organisations"])
        .where("edition_id", "=", e.editionId)
        .execute();
      expect(saved).toEqual([
        { eligibility: "providers", eligible_providers: ["pleio"], eligible_organisations: ["Ministerie van BZK", "Gemeente Utrecht"] },
      ]);
    } finally {
      delete process.env.OIDC_PROVIDERS;
      forgetProviders();
    }
  });
});
