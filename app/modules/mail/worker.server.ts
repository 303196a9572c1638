import nodemailer from "nodemailer";
import { config } from "~/config.server";
import type { Db } from "~/db.server";
import { logger } from "~/logger.server";
import { deliverDueMail } from "./outbox.server";

/** Polls the outbox and delivers through SMTP. Without SMTP_URL it does not run: mail stays in /dev/mail. */
export function startOutboxWorker(db: Db, intervalMs = 2000): { stop(): Promise<void> } {
  const c = config();
  if (!c.SMTP_URL) return { stop: async () => undefined };
  const transport = nodemailer.createTransport(c.SMTP_URL);
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = deliverDueMail(db, transport, c.MAIL_FROM)
      .then((r) => (r.sent || r.failed ? logger.info(r, "outbox delivery") : undefined))
      .catch((err: unknown) => logger.error({ err }, "outbox delivery failed"));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
