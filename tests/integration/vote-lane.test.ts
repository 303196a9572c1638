import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { sealTotpSecret } from "~/modules/mfa/totp-secret.server";
import { hitAll } from "~/modules/rate-limit/rate-limit.server";
import { createUser, lastMailTo } from "../setup/factories";
import { startAppProcess } from "../setup/app-process";
import { ORIGIN, startTestServer, type TestServer } from "../setup/http";
import { createVoteRound, sessionFor } from "../setup/voting";

// The vote lane (ADR 0047) answers a successful ballot cast without Remix. These tests hold it to
// Remix's own answer: the same app with the lane turned off answers the same request.
let lane: TestServer;
let remix: TestServer;
beforeAll(async () => {
  lane = await startTestServer();
  remix = await startTestServer({ voteLane: false });
});
afterAll(async () => {
  await lane.close();
  await remix.close();
});
afterEach(async () => {
  await getDb().deleteFrom("rate_limit").execute();
});

const ballots = (roundId: string) => getDb().selectFrom("ballot").selectAll().where("round_id", "=", roundId).execute();

/** Headers that differ per request by design, or only frame the body: not compared. */
const PER_REQUEST = new Set(["date", "x-request-id", "content-length", "transfer-encoding", "set-cookie", "connection", "keep-alive"]);
function sameHeaders(res: Response) {
  return Object.fromEntries(
    [...res.headers.entries()]
      .filter(([k]) => !PER_REQUEST.has(k))
      // A page's policy allows its own scripts by nonce; the lane's answer has no page, so no nonce.
      .map(([k, v]) => [k, k === "content-security-policy" ? v.replace(/ 'nonce-[^']*'/, "") : v]),
  );
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("the vote lane", () => {
  it("answers a cast as Remix does, a form post and a JavaScript (.data) submission alike, and stores one ballot each", async () => {
    const r = await createVoteRound({ mode: "approval", max: 2 });
    const page = `${r.base}/${r.categories[0]!.slug}`;
    const [a, b] = r.candidates[r.categoryIds[0]!]!;
    const cast = async (server: TestServer, path: string) => {
      const u = await createUser();
      return server.request(path, { form: { intent: "cast", choices: `${a},${b}` }, headers: { cookie: await sessionFor(u.id) } });
    };
    for (const path of [page, `${page}.data`]) {
      const fast = await cast(lane, path);
      const slow = await cast(remix, path);
      expect(fast.status, path).toBe(path.endsWith(".data") ? 202 : 303);
      expect(fast.status).toBe(slow.status);
      expect(sameHeaders(fast)).toEqual(sameHeaders(slow));
      expect(fast.headers.get("location")).toBe(`${page}?melding=voting.notice.cast`);
      expect(fast.headers.get("x-request-id")).toMatch(UUID);
      expect(await fast.text()).toBe(await slow.text());
      // The lane's answer carries no page nonce (it has no page); Remix's does: the lane answered.
      expect(fast.headers.get("content-security-policy")).not.toContain("nonce-");
      expect(slow.headers.get("content-security-policy")).toContain("nonce-");
    }
    expect(await ballots(r.roundId)).toHaveLength(4);
    // The ballot page keeps its address's query (a notice after signing in): the form posts to it.
    for (const path of [`${page}?melding=auth.notice.signedIn`, `${page}.data?melding=auth.notice.signedIn`]) {
      const res = await cast(lane, path);
      expect(res.status, path).toBe(path.includes(".data") ? 202 : 303);
      expect(res.headers.get("location")).toBe(`${page}?melding=voting.notice.cast`);
      expect(res.headers.get("content-security-policy")).not.toContain("nonce-");
    }
    expect(await ballots(r.roundId)).toHaveLength(6);
  });

  it("passes a refused ballot to the page with its translated error, and runs the service once for it", async () => {
    const r = await createVoteRound({ allowChange: true });
    const u = await createUser();
    const cookie = await sessionFor(u.id);
    const page = `${r.base}/${r.categories[0]!.slug}`;
    const own = r.candidates[r.categoryIds[0]!]!;
    const elsewhere = r.candidates[r.categoryIds[1]!]![0]!;
    // Ten refusals, each counted once against the account's 20 submissions: were the service run again
    // for the page, these would use up all 20 and the ten good ballots below would be throttled.
    for (let i = 0; i < 10; i++) {
      const res = await lane.request(page, { form: { intent: "cast", choices: elsewhere }, headers: { cookie } });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain("<html");
      expect(html).toContain("Deze keuze kan niet in deze ronde");
    }
    for (let i = 0; i < 10; i++) {
      const res = await lane.request(page, { form: { intent: "cast", choices: own[i % own.length]! }, headers: { cookie } });
      expect(res.status).toBe(303);
    }
    const throttled = await lane.request(page, { form: { intent: "cast", choices: own[0]! }, headers: { cookie } });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    const [ballot] = await ballots(r.roundId);
    expect(ballot!.version).toBe(10);
  });

  it("counts a cast once, with the session, on the counters the app counts on; a visitor's on none", async () => {
    const r = await createVoteRound({ allowChange: true });
    const u = await createUser();
    const cookie = await sessionFor(u.id);
    const page = `${r.base}/${r.categories[0]!.slug}`;
    const own = r.candidates[r.categoryIds[0]!]!;
    // Ten through the lane and ten through the app alone: together the account's twenty a minute.
    for (const server of [lane, remix])
      for (let i = 0; i < 10; i++) {
        const res = await server.request(page, { form: { intent: "cast", choices: own[i % own.length]! }, headers: { cookie } });
        expect(res.status).toBe(303);
      }
    const counter = await getDb().selectFrom("rate_limit").select("points").where("key", "=", `voteAccount:${u.id}`).executeTakeFirst();
    expect(counter?.points).toBe(20);
    for (const server of [lane, remix]) {
      const throttled = await server.request(page, { form: { intent: "cast", choices: own[0]! }, headers: { cookie } });
      expect(throttled.status).toBe(429);
    }
    expect(await ballots(r.roundId)).toHaveLength(1);
    await getDb().deleteFrom("rate_limit").execute();
    const visitor = await lane.request(page, { form: { intent: "cast", choices: own[0]! } });
    expect(visitor.status).toBe(302);
    const stale = await lane.request(page, {
      form: { intent: "cast", choices: own[0]! },
      headers: { cookie: "lauwer_session=abcdefghijklmnopqrstuvwxyz234567" },
    });
    expect(stale.status).toBe(302);
    expect(await getDb().selectFrom("rate_limit").select("key").execute()).toEqual([]);
  });

  it("writes the receipt mail the app writes: to the voter, in their language, with their name as it is", async () => {
    const r = await createVoteRound();
    const page = `${r.base}/${r.categories[0]!.slug}`;
    const [a] = r.candidates[r.categoryIds[0]!]!;
    // A name the statement puts in the mail itself: what a template or a replacement might read as its own.
    const name = `Zoë "$&" {{award}} O'Brien \\1 $1`;
    const mails = [];
    for (const locale of ["nl", "en"] as const)
      for (const server of [lane, remix]) {
        const u = await createUser({ name });
        await getDb().updateTable("app_user").set({ locale }).where("id", "=", u.id).execute();
        const res = await server.request(page, { form: { intent: "cast", choices: a! }, headers: { cookie: await sessionFor(u.id) } });
        expect(res.status).toBe(303);
        // The lane answered (no page nonce), so its statement wrote this mail; the app's answer has one.
        if (server === lane) expect(res.headers.get("content-security-policy")).not.toContain("nonce-");
        else expect(res.headers.get("content-security-policy")).toContain("nonce-");
        const [ballot] = await getDb().selectFrom("ballot").select("receipt_code").where("voter_id", "=", u.id).execute();
        const mail = await lastMailTo(u.email);
        expect(mail).toMatchObject({ locale, template: "ballotReceipt" });
        expect(mail!.body_text).toContain(name);
        expect(mail!.body_text).toContain(ballot!.receipt_code);
        // The same mail but for the code and the address, which are this ballot's and this voter's.
        const same = (text: string) => text.replaceAll(ballot!.receipt_code, "<code>");
        mails.push({ locale, subject: same(mail!.subject), body: same(mail!.body_text) });
      }
    expect(mails[0]).toEqual(mails[1]);
    expect(mails[2]).toEqual(mails[3]);
    expect(mails[0]!.body).toContain("Beste");
    expect(mails[2]!.body).toContain("Dear");
  });

  it("casts nothing for a session past its idle or absolute expiry, or over the account's limit", async () => {
    const r = await createVoteRound();
    const page = `${r.base}/${r.categories[0]!.slug}`;
    const [a] = r.candidates[r.categoryIds[0]!]!;
    for (const column of ["expires_at", "absolute_expires_at"] as const) {
      const u = await createUser();
      const cookie = await sessionFor(u.id);
      await getDb()
        .updateTable("user_session")
        .set({ [column]: sql<Date>`now() - interval '1 second'` })
        .where("id", "=", cookie.split("=")[1]!)
        .execute();
      const res = await lane.request(page, { form: { intent: "cast", choices: a! }, headers: { cookie } });
      expect(res.status, column).toBe(302);
      expect(res.headers.get("location"), column).toContain("/inloggen");
      expect(await lastMailTo(u.email), column).toBeUndefined();
    }
    expect(await ballots(r.roundId)).toHaveLength(0);
    // A first ballot over the limit: refused (429), nothing stored, no mail.
    const u = await createUser();
    for (let i = 0; i < 20; i++)
      await hitAll([
        ["voteAccount", u.id],
        ["voteIp", "192.0.2.1"],
      ]);
    const throttled = await lane.request(page, { form: { intent: "cast", choices: a! }, headers: { cookie: await sessionFor(u.id) } });
    expect(throttled.status).toBe(429);
    expect(await throttled.text()).toContain("Je hebt te vaak achter elkaar gestemd");
    expect(await ballots(r.roundId)).toHaveLength(0);
    expect(await lastMailTo(u.email)).toBeUndefined();
  });

  it("leaves everything but a signed-in cast to the app: reviewing, visitors, other origins", async () => {
    const r = await createVoteRound({ mode: "approval", max: 2 });
    const u = await createUser();
    const cookie = await sessionFor(u.id);
    const page = `${r.base}/${r.categories[0]!.slug}`;
    const [a] = r.candidates[r.categoryIds[0]!]!;
    const review = await lane.request(page, { form: { intent: "review", [`choice-${a}`]: "on" }, headers: { cookie } });
    expect(review.status).toBe(200);
    expect(await review.text()).toContain("Controleer je stem");
    // An intent in the address wins over the form's, as in every action: this is a review, not a cast.
    const addressed = await lane.request(`${page}?intent=review`, {
      form: { intent: "cast", choices: a!, [`choice-${a}`]: "on" },
      headers: { cookie },
    });
    expect(addressed.status).toBe(200);
    expect(await addressed.text()).toContain("Controleer je stem");
    const visitor = await lane.request(page, { form: { intent: "cast", choices: a! } });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toContain("/inloggen");
    const foreign = await lane.request(page, {
      form: { intent: "cast", choices: a! },
      headers: { cookie, origin: "https://elders.example" },
    });
    expect(foreign.status).toBe(403);
    const unknown = await lane.request(`${r.base}/bestaat-niet`, { form: { intent: "cast", choices: a! }, headers: { cookie } });
    expect(unknown.status).toBe(404);
    expect(await ballots(r.roundId)).toHaveLength(0);
  });

  it("refreshes a session past half its idle time, as every answer does", async () => {
    const r = await createVoteRound();
    const u = await createUser();
    const page = `${r.base}/${r.categories[0]!.slug}`;
    const [a] = r.candidates[r.categoryIds[0]!]!;
    const cookie = await sessionFor(u.id);
    await getDb()
      .updateTable("user_session")
      .set({ expires_at: sql<Date>`now() + interval '5 minutes'` })
      .where("id", "=", cookie.split("=")[1]!)
      .execute();
    const res = await lane.request(page, { form: { intent: "cast", choices: a! }, headers: { cookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get("content-security-policy")).not.toContain("nonce-");
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${cookie};`) && /Max-Age=3600/i.test(c))).toBe(true);
  });

  it("sends a person with a second factor who has not passed it to the code step, and casts nothing", async () => {
    const r = await createVoteRound();
    const u = await createUser();
    await getDb()
      .insertInto("mfa_totp")
      .values({ user_id: u.id, secret: sealTotpSecret(u.id, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), confirmed_at: new Date() })
      .execute();
    const page = `${r.base}/${r.categories[0]!.slug}`;
    const [a] = r.candidates[r.categoryIds[0]!]!;
    for (const path of [page, `${page}.data`]) {
      const halfway = await lane.request(path, {
        form: { intent: "cast", choices: a! },
        headers: { cookie: await sessionFor(u.id, { secondFactor: false }) },
      });
      const said = `${halfway.status} ${halfway.headers.get("location") ?? ""} ${await halfway.text()}`;
      expect(said, path).toContain("/inloggen/tweede-stap");
      expect(halfway.status, path).not.toBe(303);
    }
    expect(await ballots(r.roundId)).toHaveLength(0);
    // With the second factor passed, the same person votes.
    const passed = await lane.request(page, { form: { intent: "cast", choices: a! }, headers: { cookie: await sessionFor(u.id) } });
    expect(passed.status).toBe(303);
    expect(await ballots(r.roundId)).toHaveLength(1);
  });

  it("refuses what the app refuses before its routes: `_data` in the address, a broken address", async () => {
    const r = await createVoteRound();
    const u = await createUser();
    const cookie = await sessionFor(u.id);
    const page = `${r.base}/${r.categories[0]!.slug}`;
    const [a] = r.candidates[r.categoryIds[0]!]!;
    const legacy = await lane.request(`${page}?_data=routes%2Fx`, { form: { intent: "cast", choices: a! }, headers: { cookie } });
    expect(legacy.status).toBe(400);
    const broken = await lane.request(`${r.base}/cat%FF`, { form: { intent: "cast", choices: a! }, headers: { cookie } });
    expect(broken.status).toBe(400);
    expect(await ballots(r.roundId)).toHaveLength(0);
  });

  it("keeps the address express gives: behind a trusted proxy the client's, else the connection's", async () => {
    const r = await createVoteRound();
    const page = `${r.base}/${r.categories[0]!.slug}`;
    const choice = r.candidates[r.categoryIds[0]!]![0]!;
    const [direct, proxied] = [await createUser(), await createUser()];
    const forwarded = { "x-forwarded-for": "203.0.113.9" };
    // This test's servers trust no proxy (TRUST_PROXY 0): a forwarded address is nobody's word.
    const here = await lane.request(page, {
      form: { intent: "cast", choices: choice },
      headers: { cookie: await sessionFor(direct.id), ...forwarded },
    });
    expect(here.status).toBe(303);
    // Behind one trusted proxy, its X-Forwarded-For names the client (express's req.ip).
    const app = await startAppProcess({ env: { DATABASE_URL: process.env.DATABASE_URL, TRUST_PROXY: "1" } });
    try {
      const res = await fetch(app.url + page, {
        method: "POST",
        headers: {
          origin: ORIGIN,
          cookie: await sessionFor(proxied.id),
          "content-type": "application/x-www-form-urlencoded",
          ...forwarded,
        },
        body: new URLSearchParams({ intent: "cast", choices: choice }).toString(),
        redirect: "manual",
      });
      expect(res.status).toBe(303);
    } finally {
      app.child.kill("SIGTERM");
      await app.exited;
    }
    const ips = Object.fromEntries((await ballots(r.roundId)).map((b) => [b.voter_id, b.ip]));
    expect(ips).toEqual({ [direct.id]: "127.0.0.1", [proxied.id]: "203.0.113.9" });
  });

  it("answers a refused JavaScript submission as Remix does", async () => {
    const r = await createVoteRound();
    const page = `${r.base}/${r.categories[0]!.slug}.data`;
    const elsewhere = r.candidates[r.categoryIds[1]!]![0]!;
    const refuse = async (server: TestServer) => {
      const u = await createUser();
      return server.request(page, { form: { intent: "cast", choices: elsewhere }, headers: { cookie: await sessionFor(u.id) } });
    };
    const fast = await refuse(lane);
    const slow = await refuse(remix);
    expect(fast.status).toBe(400);
    expect(fast.status).toBe(slow.status);
    expect(sameHeaders(fast)).toEqual(sameHeaders(slow));
    const body = await fast.text();
    expect(body).toContain("voting.errors.invalidChoice");
    expect(body).toBe(await slow.text());
    expect(await ballots(r.roundId)).toHaveLength(0);
  });
});
