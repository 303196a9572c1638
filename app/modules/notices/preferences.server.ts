import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { ACCOUNT_TOPICS, TOPIC_DEFAULT, TOPICS, type NoticePreferencesInput, type Topic } from "./notice.schema";

// A person's choices per topic, keyed by e-mail address (a nominee has no account), and the signed
// single-purpose links that stop one topic without logging in.

const isTopic = (v: string): v is Topic => (TOPICS as readonly string[]).includes(v);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const mac = (secret: string, recipientId: string, topic: Topic) =>
  createHmac("sha256", secret).update(`${recipientId}:${topic}`).digest("base64url");

/** The token of the link that stops `topic` for `email` (the address gets its signing key on first use). */
export async function unsubscribeToken(db: DbOrTrx, email: string, topic: Topic): Promise<string> {
  const address = email.toLowerCase();
  await db
    .insertInto("notice_recipient")
    .values({ email: address, secret: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("email").doNothing())
    .execute();
  const r = await db.selectFrom("notice_recipient").select(["id", "secret"]).where("email", "=", address).executeTakeFirstOrThrow();
  return `${r.id}.${topic}.${mac(r.secret, r.id, topic)}`;
}

/** What a token stands for, or null when it is malformed, forged or altered. */
export async function readUnsubscribeToken(db: DbOrTrx, token: string): Promise<{ email: string; topic: Topic } | null> {
  const [id, topic, signature, ...rest] = token.split(".");
  if (rest.length || !id || !topic || !signature || !UUID.test(id) || !isTopic(topic)) return null;
  const r = await db.selectFrom("notice_recipient").select(["email", "secret"]).where("id", "=", id).executeTakeFirst();
  if (!r) return null;
  const expected = Buffer.from(mac(r.secret, id, topic));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { email: r.email, topic };
}

/** A person's choice for each topic (their own or the default). */
export async function preferencesOf(db: DbOrTrx, email: string): Promise<Record<Topic, boolean>> {
  const rows = await db.selectFrom("notice_preference").select(["topic", "enabled"]).where("email", "=", email.toLowerCase()).execute();
  const prefs = { ...TOPIC_DEFAULT };
  for (const r of rows) prefs[r.topic] = r.enabled;
  return prefs;
}

async function setPreference(db: DbOrTrx, email: string, topic: Topic, enabled: boolean) {
  await db
    .insertInto("notice_preference")
    .values({ email: email.toLowerCase(), topic, enabled })
    // updated_at is when the choice last changed (results published since then are news to a new follower).
    .onConflict((oc) =>
      oc.columns(["email", "topic"]).doUpdateSet({
        enabled,
        updated_at: sql<Date>`case when notice_preference.enabled = excluded.enabled then notice_preference.updated_at else now() end`,
      }),
    )
    .execute();
}

/** Saves the account page's checkboxes: every member topic, ticked or not. */
export async function savePreferences(db: DbOrTrx, email: string, input: NoticePreferencesInput): Promise<Outcome> {
  await db.transaction().execute(async (trx) => {
    for (const topic of ACCOUNT_TOPICS) await setPreference(trx, email, topic, input[topic]);
  });
  return ok();
}

/** At sign-up: a member who ticked the box hears when a public vote opens and when results are published. */
export async function followAwards(db: DbOrTrx, email: string): Promise<void> {
  await setPreference(db, email, "votes", true);
  await setPreference(db, email, "results", true);
}

/** What an unsubscribe link shows before it is confirmed; a bad token is refused (400) and changes nothing. */
export async function describeUnsubscribe(db: DbOrTrx, token: string): Promise<Outcome<{ topic: Topic; stopped: boolean }>> {
  const read = await readUnsubscribeToken(db, token);
  if (!read) return refuse(400, "notices.errors.badToken");
  const prefs = await preferencesOf(db, read.email);
  return ok({ topic: read.topic, stopped: !prefs[read.topic] });
}

/** Stops the one topic the token names for the one person it names (the one-click POST of RFC 8058 too). */
export async function unsubscribe(db: DbOrTrx, token: string): Promise<Outcome<{ topic: Topic; token: string }>> {
  const read = await readUnsubscribeToken(db, token);
  if (!read) return refuse(400, "notices.errors.badToken");
  await setPreference(db, read.email, read.topic, false);
  return ok({ topic: read.topic, token });
}
