import pino from "pino";
import { config } from "~/config.server";

// Secrets never reach the logs: bodies are not logged, and these paths are censored wherever they appear.
export const logger = pino({
  // Read through config(): a bare process.env.NODE_ENV is replaced at build time by the Remix compiler.
  level: config().LOG_LEVEL,
  redact: {
    paths: [
      "req.headers.cookie",
      "req.headers.authorization",
      'res.headers["set-cookie"]',
      "password",
      "*.password",
      "token",
      "*.token",
      "DATABASE_URL",
      "SMTP_URL",
      "DATA_ENCRYPTION_KEY",
      "DATA_ENCRYPTION_KEY_PREVIOUS",
    ],
    censor: "[redacted]",
  },
});

export function configSummary() {
  const c = config();
  return {
    port: c.PORT,
    host: c.HOST,
    origin: c.origin,
    env: c.NODE_ENV,
    database: c.DATABASE_URL ? "external" : "embedded",
    smtp: Boolean(c.SMTP_URL),
  };
}
