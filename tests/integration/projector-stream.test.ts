import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { createUser } from "../setup/factories";
import { startAppProcess, type AppProcess } from "../setup/app-process";
import { createVoteRound, sessionFor, type VoteRound } from "../setup/voting";

// The projector stream (…/ronde/<n>/stroom) over real sockets to a real app process (ADR 0021): a
// stranger cannot hold it open for a round that shows nothing yet, one address cannot take more than a
// few streams, a stream that carries nothing new ends (the screen reconnects by itself), and however
// many anonymous streams are open, the organizer's screen still connects.

interface Stream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Everything received so far. */
  text(): string;
  /** Resolves when the server ended the response. */
  ended: Promise<void>;
  close(): void;
}

/** Opens the stream on its own socket; resolves with the first state event (200) or the whole answer (otherwise). */
function openStream(app: AppProcess, path: string, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((resolve, reject) => {
    let text = "";
    const req = http.get(`${app.url}${path}`, { headers: { accept: "text/event-stream", ...headers }, agent: false }, (res) => {
      let ended!: () => void;
      const done = new Promise<void>((d) => (ended = d));
      const stream: Stream = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: () => text,
        ended: done,
        close: () => req.destroy(),
      };
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
        if (res.statusCode === 200 && text.includes("event: state")) resolve(stream);
      });
      res.on("end", () => {
        ended();
        resolve(stream);
      });
      res.on("error", () => ended());
      res.on("close", () => {
        ended();
        resolve(stream);
      });
    });
    req.on("error", reject);
  });
}

async function organizerOf(r: VoteRound) {
  const u = await createUser();
  await getDb()
    .insertInto("role_grant")
    .values({ user_id: u.id, role: "organizer", award_id: r.awardId, edition_id: null, book_project_id: null })
    .execute();
  return sessionFor(u.id);
}

/** The screen link the organizer's control room shows, for a computer without a session. */
async function screenLink(app: AppProcess, r: VoteRound, cookie: string): Promise<string> {
  const html = await (await fetch(`${app.url}${r.adminBase}`, { headers: { cookie } })).text();
  const match = new RegExp(`${r.base}/scherm\\?sleutel=([A-Za-z0-9_-]+)`).exec(html);
  expect(match, "the control room shows a screen link with a key").not.toBeNull();
  return match![1]!;
}

const from = (ip: string) => ({ "x-forwarded-for": ip });

/** Waits until the stream has carried `text` (streams of one round share a state for up to 1.5 s). */
async function carried(stream: Stream, text: string) {
  for (let i = 0; i < 1200 && !stream.text().includes(text); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(stream.text()).toContain(text);
}

const LIMITS = { TRUST_PROXY: "1", STREAM_ANONYMOUS_MAX: "12", STREAM_PER_CLIENT: "3", STREAM_RESERVED_MAX: "4" };

let app: AppProcess;
beforeAll(async () => {
  app = await startAppProcess({
    env: { DATABASE_URL: process.env.DATABASE_URL, ...LIMITS },
  });
});
afterAll(async () => {
  app.child.kill("SIGTERM");
  await app.exited;
});

describe("the projector stream", () => {
  it("refuses a stranger a round whose live vote has not opened, without holding the socket, but serves the organizer's screen", async () => {
    const r = await createVoteRound({ kind: "live_vote", opensIn: null, closesIn: null, categories: 1 });
    const refused = await openStream(app, `${r.base}/stroom`, from("10.1.0.1"));
    expect(refused.status).toBe(403);
    await refused.ended;
    expect(refused.headers["content-type"]).toContain("text/plain");
    expect(refused.text()).toContain("De stemming is nog niet geopend");
    const english = await openStream(app, `${r.base}/stroom`, { ...from("10.1.0.1"), cookie: "lauwer_lang=en" });
    await english.ended;
    expect(english.text()).toContain("The vote has not opened yet");
    // A made-up key is no key.
    const forged = await openStream(app, `${r.base}/stroom?sleutel=${"A".repeat(32)}`, from("10.1.0.1"));
    expect(forged.status).toBe(403);
    await forged.ended;
    // An unknown round stays a 404.
    const missing = await openStream(app, `${r.base.replace(/\/\d+$/, "/99")}/stroom`, from("10.1.0.1"));
    expect(missing.status).toBe(404);
    await missing.ended;

    // The organizer, signed in, and the screen link from the control room both get the stream.
    const cookie = await organizerOf(r);
    const organizer = await openStream(app, `${r.base}/stroom`, { ...from("10.1.0.1"), cookie });
    expect(organizer.status).toBe(200);
    expect(organizer.text()).toContain('"state":"upcoming"');
    const key = await screenLink(app, r, cookie);
    const screen = await openStream(app, `${r.base}/stroom?sleutel=${key}`, from("10.1.0.2"));
    expect(screen.status).toBe(200);
    expect(screen.text()).toContain('"state":"upcoming"');
    // The key belongs to this round only.
    const other = await createVoteRound({ kind: "live_vote", opensIn: null, closesIn: null, categories: 1 });
    const elsewhere = await openStream(app, `${other.base}/stroom?sleutel=${key}`, from("10.1.0.2"));
    expect(elsewhere.status).toBe(403);
    await elsewhere.ended;
    organizer.close();
    screen.close();

    // Once the vote opens, everyone may follow it.
    expect(
      (
        await fetch(`${app.url}${r.adminBase}?intent=open`, {
          method: "POST",
          headers: { cookie, origin: "http://localhost:3000" },
          redirect: "manual",
        })
      ).status,
    ).toBe(303);
    const open = await openStream(app, `${r.base}/stroom`, from("10.1.0.1"));
    expect(open.status).toBe(200);
    await carried(open, '"state":"open"');
    open.close();
  });

  it("gives one address a few streams at a time, and another address its own", async () => {
    const r = await createVoteRound({ kind: "live_vote", opensIn: -60, closesIn: null, categories: 1 });
    const mine = await Promise.all([1, 2, 3].map(() => openStream(app, `${r.base}/stroom`, from("10.2.0.1"))));
    expect(mine.map((s) => s.status)).toEqual([200, 200, 200]);
    const fourth = await openStream(app, `${r.base}/stroom`, from("10.2.0.1"));
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers["retry-after"])).toBeGreaterThan(0);
    await fourth.ended;
    expect(fourth.text()).toContain("te veel");
    const neighbour = await openStream(app, `${r.base}/stroom`, from("10.2.0.2"));
    expect(neighbour.status).toBe(200);
    // A stream that ends gives its place back.
    mine[0]!.close();
    await mine[0]!.ended;
    let again: Stream | undefined;
    for (let i = 0; i < 100; i++) {
      again = await openStream(app, `${r.base}/stroom`, from("10.2.0.1"));
      if (again.status === 200) break;
      await again.ended;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(again!.status).toBe(200);
    for (const s of [...mine, neighbour, again!]) s.close();
  });

  it("keeps the organizer's screen connecting while anonymous streams fill the process", async () => {
    // A process of its own, so that no stream of the tests above still holds a place.
    const app = await startAppProcess({ env: { DATABASE_URL: process.env.DATABASE_URL, ...LIMITS } });
    try {
      const r = await createVoteRound({ kind: "live_vote", opensIn: -60, closesIn: null, categories: 1 });
      // Twelve strangers from four addresses take every anonymous place of this process.
      const strangers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => openStream(app, `${r.base}/stroom`, from(`10.3.0.${1 + (i % 4)}`))),
      );
      expect(strangers.map((s) => s.status)).toEqual(Array(12).fill(200));
      const thirteenth = await openStream(app, `${r.base}/stroom`, from("10.3.0.99"));
      expect(thirteenth.status).toBe(503);
      expect(Number(thirteenth.headers["retry-after"])).toBeGreaterThan(0);
      await thirteenth.ended;

      // The organizer's screen, signed in or by its key, from the same address as a stranger (one venue, one NAT).
      const cookie = await organizerOf(r);
      const organizer = await openStream(app, `${r.base}/stroom`, { ...from("10.3.0.1"), cookie });
      expect(organizer.status).toBe(200);
      expect(organizer.text()).toContain("event: state");
      const key = await screenLink(app, r, cookie);
      const screen = await openStream(app, `${r.base}/stroom?sleutel=${key}`, from("10.3.0.1"));
      expect(screen.status).toBe(200);
      expect(screen.text()).toContain("event: state");
      for (const s of [...strangers, organizer, screen]) s.close();
    } finally {
      app.child.kill("SIGTERM");
      await app.exited;
    }
  });
});

describe("an idle projector stream", () => {
  it("ends after a while without news, having told the screen when to reconnect", async () => {
    const short = await startAppProcess({ env: { DATABASE_URL: process.env.DATABASE_URL, STREAM_IDLE_SECONDS: "2" } });
    try {
      const r = await createVoteRound({ kind: "live_vote", opensIn: -60, closesIn: null, categories: 1 });
      const stream = await openStream(short, `${r.base}/stroom`);
      expect(stream.status).toBe(200);
      // Hang guard only: the default idle time of this app is minutes; this process was given two seconds.
      await Promise.race([stream.ended, new Promise((_, reject) => setTimeout(() => reject(new Error("stream never ended")), 120_000))]);
      expect(stream.text()).toMatch(/^retry: \d+\n/m);
      expect(stream.text()).toContain("event: state");
    } finally {
      short.child.kill("SIGTERM");
      await short.exited;
    }
  });
});
