import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { getDb } from "~/db.server";
import { inPool, type AppProcess } from "./app-process";
import { CHAOS_IN_FLIGHT } from "./chaos";
import { createEdition, personInput } from "./factories";
import { ORIGIN } from "./http";
import { addJuror, createJuryRound } from "./jury";
import { createVoters } from "./voting";

/** Load of the form fault tests; `npm run chaos` runs them bigger. Small by default: CI runs them on a busy 2-core machine. */
export const CHAOS_NOMINATORS = Number(process.env.CHAOS_NOMINATORS ?? 30);
export const CHAOS_JURORS = Number(process.env.CHAOS_JURORS ?? 10);
/** Candidates each juror scores (one category), so a jury run posts CHAOS_JURORS × this many sheets. */
const SHEETS_PER_JUROR = 3;

/** What a form post got back: status, where it redirects, and the body (a page, or single-fetch data). */
export interface FormAnswer {
  status: number;
  location: string;
  body: string;
}

/** Posts a form through the real app as a browser does: its session cookie, this site's Origin, urlencoded. */
export async function postForm(url: string, path: string, cookie: string, form: Record<string, string>): Promise<FormAnswer> {
  try {
    const res = await fetch(url + path, {
      method: "POST",
      headers: { origin: ORIGIN, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
      redirect: "manual",
    });
    return { status: res.status, location: res.headers.get("location") ?? "", body: await res.text() };
  } catch (error) {
    // A reset or refused connection: the person would see a browser error. Counted as unclear.
    return { status: 0, location: "", body: String(error) };
  }
}

/**
 * Told plainly that nothing was stored: 503 with the form's own "not stored, try again" (the action met
 * the outage), or the outage page "what you sent may not be stored" (the session could not be read);
 * as single-fetch data, the refusal's key or the thrown 503 the page turns into that same message.
 */
export function refusedClearly(a: FormAnswer): boolean {
  if (a.status !== 503) return false;
  return /^<!DOCTYPE/i.test(a.body) ? /niet opgeslagen/.test(a.body) : /errors\.notStored"|"Service Unavailable"/.test(a.body);
}

const short = (a: FormAnswer) => `${a.status} ${a.location} ${a.body.slice(0, 300)}`;

/** Figures of one run, printed like the vote's. */
export interface FormChaosResult {
  confirmed: number;
  refusedThenStored: number;
  lost: number;
  duplicates: number;
}

export function figures(what: string, r: FormChaosResult): string {
  return `${what}: ${r.confirmed} confirmed, ${r.refusedThenStored} refused then stored, ${r.lost} lost, ${r.duplicates} duplicates`;
}

/**
 * A fault: it breaks the database and calls `midway()` at its worst moment (PostgreSQL stopped, or
 * connections being ended), when a quarter of the posts, held back until then, go out — so the fault
 * meets requests in flight however fast or slow the machine is, without any timing in the test.
 */
export type Fault = (midway: () => void) => Promise<void>;

/**
 * Runs `posts` through the app while `fault` breaks the database underneath (started once the first
 * answers came back), then checks the answers: the process is up and every answer is either a
 * confirmation or a clear refusal — never a dropped connection, a 500 or a login page.
 */
async function postThroughFault(
  app: AppProcess,
  posts: Array<() => Promise<FormAnswer>>,
  confirmed: (a: FormAnswer, i: number) => boolean,
  fault: Fault,
): Promise<FormAnswer[]> {
  const held = Math.ceil(posts.length / 4);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const during = released.then(() => inPool(posts.slice(posts.length - held), CHAOS_IN_FLIGHT));
  let answered = 0;
  let faulting: Promise<void> | undefined;
  const before = await inPool(
    posts.slice(0, posts.length - held).map((post) => async () => {
      const answer = await post();
      if (++answered === Math.min(5, posts.length - held)) faulting = fault(release);
      return answer;
    }),
    CHAOS_IN_FLIGHT,
  );
  faulting ??= fault(release);
  await faulting;
  // A fault that never called midway() still lets the held posts go (after it, then).
  release();
  const first = [...before, ...(await during)];
  expect(app.child.exitCode, app.output().slice(-3000)).toBeNull();
  const unclear = first.filter((a, i) => !confirmed(a, i) && !refusedClearly(a));
  expect(unclear.map(short)).toEqual([]);
  return first;
}

/**
 * Members nominate through the app (the real nomination form: session, Origin, the page's submission
 * key) while `fault` breaks the database. Every nomination the app confirmed is stored exactly once;
 * nothing is stored that the member was not told about either way; the refused send the same form
 * again at once (as the page invites them to) and each ends with exactly one nomination, one nominee
 * and one consent mail — never two.
 */
export async function nominateThroughFault(app: AppProcess, fault: Fault): Promise<FormChaosResult> {
  const e = await createEdition({ categories: 1 });
  const members = await createVoters(CHAOS_NOMINATORS);
  const path = `/prijzen/${e.slug}/2026/nomineren`;
  // The page's form, with the submission key its loader hands out (kept when the form is sent again).
  const forms = members.map((_, i) => ({
    ...personInput(e.categoryIds[0]!, { name: `Kandidaat ${i} ${randomUUID().slice(0, 6)}` }),
    submissionKey: randomUUID(),
  }));
  // Every fourth posts as the hydrated page does (single-fetch data), the rest as a plain form.
  const send = (i: number) => postForm(app.url, path + (i % 4 === 3 ? ".data" : ""), members[i]!.cookie, forms[i]!);
  const confirmed = (a: FormAnswer) => [302, 303, 202].includes(a.status) && /nominate\.done/.test(a.location + a.body);

  const first = await postThroughFault(
    app,
    members.map((_, i) => () => send(i)),
    confirmed,
    fault,
  );
  const stored = async () => {
    const rows = await getDb()
      .selectFrom("nomination as n")
      .innerJoin("nominee as e", "e.id", "n.nominee_id")
      .select(["n.nominator_id", "n.submission_key", "e.name", "e.contact_email"])
      .where("n.edition_id", "=", e.editionId)
      .execute();
    const byMember = new Map<string, typeof rows>();
    for (const r of rows) byMember.set(r.nominator_id!, [...(byMember.get(r.nominator_id!) ?? []), r]);
    return byMember;
  };
  const before = await stored();
  let lost = 0;
  for (const [i, answer] of first.entries()) {
    const mine = before.get(members[i]!.id) ?? [];
    expect(mine.length).toBeLessThanOrEqual(1);
    if (confirmed(answer) && mine.length !== 1) lost++;
    if (confirmed(answer)) expect(mine.map((m) => [m.submission_key, m.name])).toEqual([[forms[i]!.submissionKey, forms[i]!.name]]);
    if (mine.length === 0) expect(refusedClearly(answer)).toBe(true);
  }

  const refused = [...first.keys()].filter((i) => refusedClearly(first[i]!));
  const again = await inPool(
    refused.map((i) => () => send(i)),
    CHAOS_IN_FLIGHT,
  );
  expect(again.filter((a) => !confirmed(a)).map(short)).toEqual([]);

  const after = await stored();
  let duplicates = 0;
  for (const [i, member] of members.entries()) {
    const mine = after.get(member.id) ?? [];
    duplicates += Math.max(0, mine.length - 1);
    expect(mine.map((m) => [m.submission_key, m.name, m.contact_email])).toEqual([
      [forms[i]!.submissionKey, forms[i]!.name, forms[i]!.email],
    ]);
  }
  const nominees = await getDb()
    .selectFrom("nominee")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("edition_id", "=", e.editionId)
    .executeTakeFirstOrThrow();
  duplicates += Math.max(0, Number(nominees.n) - members.length);
  expect(Number(nominees.n)).toBe(members.length);
  // One consent request per nominee: the mail is written in the nomination's transaction, once.
  const mails = await getDb()
    .selectFrom("outbox_email")
    .select(["to_address", (eb) => eb.fn.countAll<string>().as("n")])
    .where("template", "=", "consent")
    .where(
      "to_address",
      "in",
      forms.map((f) => f.email),
    )
    .groupBy("to_address")
    .execute();
  expect(mails.length).toBe(members.length);
  expect(mails.filter((m) => Number(m.n) !== 1)).toEqual([]);
  expect(lost).toBe(0);
  expect(duplicates).toBe(0);
  return { confirmed: first.filter((a) => confirmed(a)).length, refusedThenStored: refused.length, lost, duplicates };
}

/**
 * Jurors score candidates through the app (the real score sheet: "save and next" as a plain form, and
 * the autosave as the hydrated page sends it) while `fault` breaks the database. Every sheet the app
 * confirmed holds exactly the scores sent, once per criterion; nothing is stored unconfirmed without
 * the juror having been told so; the refused send again at once and every sheet ends complete.
 */
export async function scoreThroughFault(app: AppProcess, fault: Fault): Promise<FormChaosResult> {
  const f = await createJuryRound({ categories: 1, candidatesPerCategory: SHEETS_PER_JUROR });
  const jurors = [];
  for (let j = 0; j < CHAOS_JURORS; j++) jurors.push(await addJuror(f));
  const candidates = f.candidates[f.categoryIds[0]!]!;
  const [impact, teamwork] = f.criteria;
  const sheets = jurors.flatMap((juror, j) =>
    candidates.map((nominee, k) => {
      const n = j * SHEETS_PER_JUROR + k;
      // Scores of 3 and up need no comment; each sheet its own pair, to see the stored one is the one sent.
      return { juror, nominee, n, scores: { [impact!.id]: 3 + (n % 8), [teamwork!.id]: n % 6 } };
    }),
  );
  const formOf = (s: (typeof sheets)[number]) =>
    Object.fromEntries(Object.entries(s.scores).map(([criterion, score]) => [`score-${criterion}`, String(score)]));
  // Every other sheet is an autosave as the hydrated page posts it (data: 200 with the time it was
  // saved); the rest "save and next" as a plain form (303 to the next candidate, with the notice).
  const autosave = (n: number) => n % 2 === 1;
  const send = (s: (typeof sheets)[number]) =>
    postForm(app.url, `${f.juryBase}/${s.nominee}${autosave(s.n) ? ".data?intent=save" : "?intent=next"}`, s.juror.cookie, formOf(s));
  const confirmed = (a: FormAnswer, i: number) =>
    autosave(sheets[i]!.n) ? a.status === 200 && /savedAt/.test(a.body) : a.status === 303 && /jury\.notice\.saved/.test(a.location);

  const first = await postThroughFault(
    app,
    sheets.map((s) => () => send(s)),
    confirmed,
    fault,
  );
  const stored = async () => {
    const rows = await getDb()
      .selectFrom("jury_score")
      .select(["juror_id", "nominee_id", "criterion_id", "score"])
      .where("round_id", "=", f.juryRoundId)
      .execute();
    const bySheet = new Map<string, Array<[string, number]>>();
    for (const r of rows) {
      const key = `${r.juror_id} ${r.nominee_id}`;
      bySheet.set(key, [...(bySheet.get(key) ?? []), [r.criterion_id, r.score]]);
    }
    return bySheet;
  };
  const expected = (s: (typeof sheets)[number]) => Object.entries(s.scores).sort();
  const before = await stored();
  let lost = 0;
  for (const [i, answer] of first.entries()) {
    const s = sheets[i]!;
    const mine = (before.get(`${s.juror.user.id} ${s.nominee}`) ?? []).sort();
    if (confirmed(answer, i) && mine.length !== 2) lost++;
    if (confirmed(answer, i)) expect(mine).toEqual(expected(s));
    // A sheet is saved in one transaction: all of it or nothing.
    expect([0, 2]).toContain(mine.length);
    if (mine.length === 0) expect(refusedClearly(answer)).toBe(true);
  }

  const refused = [...first.keys()].filter((i) => refusedClearly(first[i]!));
  const again = await inPool(
    refused.map((i) => () => send(sheets[i]!)),
    CHAOS_IN_FLIGHT,
  );
  expect(again.filter((a, r) => !confirmed(a, refused[r]!)).map(short)).toEqual([]);

  const after = await stored();
  let duplicates = 0;
  for (const s of sheets) {
    const mine = (after.get(`${s.juror.user.id} ${s.nominee}`) ?? []).sort();
    duplicates += Math.max(0, mine.length - 2);
    expect(mine).toEqual(expected(s));
  }
  const total = [...after.values()].reduce((n, rows) => n + rows.length, 0);
  expect(total).toBe(sheets.length * 2);
  expect(lost).toBe(0);
  expect(duplicates).toBe(0);
  return { confirmed: first.filter((a, i) => confirmed(a, i)).length, refusedThenStored: refused.length, lost, duplicates };
}
