import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  APP_ORIGIN: z.string().url().optional(),
  DATA_DIR: z.string().default(".data"),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** How long a request waits for PostgreSQL to accept a connection again (restart, failover) before it is answered 503. */
  DB_CONNECT_RETRY_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  /** On SIGTERM/SIGINT: how long requests already received may take to finish before the rest is closed. */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Lauwer <no-reply@lauwer.local>"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_FAILURES_PER_IP: z.coerce.number().int().min(1).default(200),
  LOGIN_THROTTLE_MINUTES: z.coerce.number().int().min(1).default(15),
  VOTE_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(20),
  VOTE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(600),
  /** How many reverse proxies stand in front (their X-Forwarded-For hops are trusted); 0 trusts none. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  SEED_ON_EMPTY: bool.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof EnvSchema> & { origin: string; isProduction: boolean };

let cached: Config | undefined;

/** Validated configuration from the environment (read once; see README "Configuration"). */
export function config(): Config {
  if (cached) return cached;
  // An empty variable (DATABASE_URL= in a compose file or shell) means "not set".
  const env = EnvSchema.parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  cached = {
    ...env,
    origin: new URL(env.APP_ORIGIN ?? `http://localhost:${env.PORT}`).origin,
    isProduction: env.NODE_ENV === "production",
  };
  return cached;
}
