import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { createUser } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
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
const PER_REQUEST = new Set([
  "date",
  "x-request-id",
  "content-length",
  "transfer-encoding",
  "set-cookie",
  "content-security-policy",
  "connection",
  "keep-alive",
]);
function sameHeaders(res: Response) {
  return Object.fromEntries([...res.headers.entries()].filter(([k]) => !PER_REQUEST.has(k)));
}

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
});
