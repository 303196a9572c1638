import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { deliverDueMail, enqueueMail } from "~/modules/mail/outbox.server";
import { uniqueEmail } from "../setup/factories";

// The SMTP server is outside our system, so a local smtp-server stands in for it: it speaks real
// SMTP on loopback, records what it receives, and can be told to refuse recipients.
interface Received {
  to: string[];
  raw: string;
}
const received: Received[] = [];
const refuse = new Set<string>();
let smtp: SMTPServer;
let transport: ReturnType<typeof nodemailer.createTransport>;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) return callback(new Error("mailbox unavailable"));
      callback();
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  // Test files of this worker run one after another on its database; earlier ones queued mail (the
  // voting load test alone about 2,000 receipts). Start from an empty queue so this file delivers its own.
  await getDb().deleteFrom("outbox_email").where("status", "=", "pending").execute();
});
afterAll(async () => {
  transport.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** Delivers until nothing is due: the worker's database may hold other tests' mail too. */
async function drain() {
  let total = { sent: 0, failed: 0 };
  for (;;) {
    const r = await deliverDueMail(getDb(), transport, "Lauwer <no-reply@lauwer.test>");
    if (r.sent + r.failed === 0) return total;
    total = { sent: total.sent + r.sent, failed: total.failed + r.failed };
  }
}

describe("mail outbox", () => {
  it("only has a mail when the transaction that queued it committed", async () => {
    const to = uniqueEmail("rolledback");
    await expect(
      getDb()
        .transaction()
        .execute(async (trx) => {
          await enqueueMail(trx, { to, locale: "nl", template: "verify", name: "X", link: "http://localhost:3000/x" });
          throw new Error("the event failed");
        }),
    ).rejects.toThrow("the event failed");
    expect(await getDb().selectFrom("outbox_email").select("id").where("to_address", "=", to).executeTakeFirst()).toBeUndefined();
  });

  it("delivers pending mail over SMTP once, in the recipient's language", async () => {
    const to = uniqueEmail("deliver");
    await enqueueMail(getDb(), {
      to,
      locale: "en",
      template: "reset",
      name: "Ada",
      link: "http://localhost:3000/wachtwoord-herstellen?token=abc",
    });
    const first = await drain();
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const mine = received.filter((r) => r.to.includes(to));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.raw).toContain("Subject: Set a new password for Lauwer");
    expect(mine[0]!.raw).toContain("Dear Ada,");

    await drain();
    expect(received.filter((r) => r.to.includes(to))).toHaveLength(1);
    const row = await getDb().selectFrom("outbox_email").selectAll().where("to_address", "=", to).executeTakeFirstOrThrow();
    expect(row.status).toBe("sent");
    expect(row.sent_at).not.toBeNull();
    expect(row.body_text).toBe(""); // no live link is kept once delivered
  });

  it("keeps a refused mail and schedules a retry with backoff instead of losing it", async () => {
    const to = uniqueEmail("refused");
    refuse.add(to);
    await enqueueMail(getDb(), { to, locale: "nl", template: "verify", name: "B", link: "http://localhost:3000/x" });
    const result = await drain();
    expect(result.failed).toBeGreaterThanOrEqual(1);
    const row = await getDb().selectFrom("outbox_email").selectAll().where("to_address", "=", to).executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/mailbox unavailable/);
    expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now());

    // Once the server accepts again and the retry is due, it goes out.
    refuse.delete(to);
    await getDb()
      .updateTable("outbox_email")
      .set({ next_attempt_at: new Date(0) })
      .where("id", "=", row.id)
      .execute();
    await deliverDueMail(getDb(), transport, "Lauwer <no-reply@lauwer.test>");
    expect(received.filter((r) => r.to.includes(to))).toHaveLength(1);
  });

  it("never hands one mail to two concurrent workers", async () => {
    const to = uniqueEmail("concurrent");
    for (let i = 0; i < 10; i++)
      await enqueueMail(getDb(), { to, locale: "nl", template: "verify", name: `N${i}`, link: "http://localhost:3000/x" });
    await Promise.all([1, 2, 3].map(() => deliverDueMail(getDb(), transport, "Lauwer <no-reply@lauwer.test>", 4)));
    await drain();
    expect(received.filter((r) => r.to.includes(to))).toHaveLength(10);
  });
});
