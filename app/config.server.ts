import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** A 32-byte key in base64 or base64url (what `openssl rand -base64 32` prints); the message never echoes it. */
const dataKeySetting = (name: string) =>
  z
    .string()
    .refine((v) => /^[A-Za-z0-9+/_-]{43}=?$/.test(v.trim()) && Buffer.from(v.trim(), "base64").length === 32, {
      message: `${name} must be 32 random bytes in base64 (make one with \`openssl rand -base64 32\`)`,
    })
    .optional();

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
  /**
   * How long a request waits for a connection (a free one from the pool, or a new one) before it is answered
   * 503 with Retry-After: under a spike the voter is told to try again instead of waiting without end.
   */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  // HTTP worker processes (ADR 0034); unset: one per core. 1 runs a single process.
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  // How often the minute jobs (advancing closed rounds, lifecycle notices) run in each instance.
  JOB_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
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
  /**
   * Anonymous public pages (home, awards, candidates, results, Top 100, the book's lists) are kept this
   * many seconds per process and answered from memory, with a fresh nonce (ADR 0039); 0 turns it off.
   */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  /** The most memory those kept pages take per process, in MB. */
  PAGE_CACHE_MB: z.coerce.number().int().min(1).max(1024).default(32),
  /** How many reverse proxies stand in front (their X-Forwarded-For hops are trusted); 0 trusts none. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  SEED_ON_EMPTY: bool.optional(),
  /**
   * The development mailbox (/dev/mail shows every mail, reset links included). Unset: on only outside
   * production when both HOST and APP_ORIGIN are loopback addresses (ADR 0018). Never in production.
   */
  DEV_MAILBOX: bool.optional(),
  /** The Secure flag on cookies. Unset: on in production, with an https APP_ORIGIN, or when not loopback-only. */
  SECURE_COOKIES: bool.optional(),
  /**
   * Roles that need a second factor (ADR 0024) before any of their pages opens: a comma list of admin,
   * organizer, editor, jury; "none" for no role.
   */
  MFA_REQUIRED_ROLES: z
    .string()
    .default("admin,organizer,editor")
    .transform((v) => (v.trim() === "none" ? [] : v.split(",").map((r) => r.trim())))
    .pipe(z.array(z.enum(["admin", "organizer", "editor", "jury"]))),
  /**
   * The key that seals second-factor secrets in the database (ADR 0032): 32 random bytes in base64. Needed
   * in production; elsewhere, unset, a key is made once in DATA_DIR/data-encryption.key.
   */
  DATA_ENCRYPTION_KEY: dataKeySetting("DATA_ENCRYPTION_KEY"),
  /** The key before the current one, while a rotation seals everything again (it only opens). */
  DATA_ENCRYPTION_KEY_PREVIOUS: dataKeySetting("DATA_ENCRYPTION_KEY_PREVIOUS"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Prometheus metrics (ADR 0022), off unless one is set: /metrics on the main port with this bearer token
  // (at least 16 characters), and/or a port of its own on METRICS_HOST (default HOST), token asked there too when set.
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().optional(),
  // Projector streams (…/ronde/<n>/stroom, ADR 0021), counted per process.
  /** Streams open to anyone, per process; beyond it the answer is 503 and the screen tries again later. */
  STREAM_ANONYMOUS_MAX: z.coerce.number().int().min(1).max(10_000).default(150),
  /** Streams one client address may hold at once, per process (organizers' screens are not counted). */
  STREAM_PER_CLIENT: z.coerce.number().int().min(1).max(1000).default(4),
  /** Places kept for organizers' screens (signed in, or by the round's screen key), per process. */
  STREAM_RESERVED_MAX: z.coerce.number().int().min(1).max(1000).default(20),
  /** A stream that sent nothing new for this long ends; the browser reconnects by itself. */
  STREAM_IDLE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
});

/** Every variable the app reads (for checks of deployment files: a misspelt name is silently ignored). */
export const CONFIG_KEYS: ReadonlyArray<string> = Object.keys(EnvSchema.shape);

export type Config = z.infer<typeof EnvSchema> & {
  origin: string;
  isProduction: boolean;
  /** The app listens on a loopback address and its public origin is one: nobody else can reach it. */
  loopbackOnly: boolean;
  /** /dev/mail is served. */
  devMailbox: boolean;
  /** Cookies carry the Secure flag. */
  secureCookies: boolean;
  /** Strict-Transport-Security (and upgrade-insecure-requests) are sent. */
  hsts: boolean;
};

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

let cached: Config | undefined;

/** Validated configuration from the environment (read once; see README "Configuration"). */
export function config(): Config {
  if (cached) return cached;
  // An empty variable (DATABASE_URL= in a compose file or shell) means "not set".
  const env = EnvSchema.parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  const origin = new URL(env.APP_ORIGIN ?? `http://localhost:${env.PORT}`);
  const isProduction = env.NODE_ENV === "production";
  const https = origin.protocol === "https:";
  // Development conveniences are for a developer's own machine only (ADR 0018): a server reachable from a
  // network — another HOST, or a public APP_ORIGIN behind a proxy — gets the safe defaults even without
  // NODE_ENV=production, unless a setting asks otherwise.
  const loopbackOnly = isLoopback(env.HOST) && isLoopback(origin.hostname);
  if (isProduction && env.DEV_MAILBOX) throw new Error("DEV_MAILBOX=true is not allowed with NODE_ENV=production: it shows every mail");
  if (isProduction && env.SECURE_COOKIES === false) throw new Error("SECURE_COOKIES=false is not allowed with NODE_ENV=production");
  cached = {
    ...env,
    origin: origin.origin,
    isProduction,
    loopbackOnly,
    devMailbox: env.DEV_MAILBOX ?? (!isProduction && loopbackOnly),
    secureCookies: env.SECURE_COOKIES ?? (isProduction || https || !loopbackOnly),
    hsts: isProduction || https,
  };
  return cached;
}

/**
 * What is unsafe (or will not work) about this configuration, in words for the person starting the
 * server; logged as warnings at start-up. Empty for a production setup behind HTTPS.
 */
export function startupWarnings(c: Config): string[] {
  const where = `HOST=${c.HOST}, APP_ORIGIN=${c.origin}`;
  const warnings: string[] = [];
  if (!c.isProduction)
    warnings.push(
      `NODE_ENV is ${c.NODE_ENV}, not production: development mode. On a server set NODE_ENV=production.` +
        (c.loopbackOnly
          ? ""
          : ` This server is reachable from a network (${where}), so the development mailbox is off and cookies are Secure.`),
    );
  if (c.devMailbox)
    warnings.push(
      c.loopbackOnly
        ? `The development mailbox /dev/mail is on: it shows every mail, password reset links included, to anyone who can open ${c.origin}. It is on because the app is on this machine only (${where}); DEV_MAILBOX=false turns it off.`
        : `UNSAFE: DEV_MAILBOX=true while the app is reachable from a network (${where}): anyone who opens ${c.origin}/dev/mail reads every mail, password reset links included, and can take over any account. Remove DEV_MAILBOX.`,
    );
  if (!c.secureCookies && !c.loopbackOnly)
    warnings.push(
      `UNSAFE: SECURE_COOKIES=false while the app is reachable from a network (${where}): session cookies also travel over plain HTTP.`,
    );
  if (c.origin.startsWith("http:") && !c.loopbackOnly)
    warnings.push(
      `APP_ORIGIN is plain HTTP on a network (${c.origin}): passwords and sessions travel unencrypted, and browsers drop Secure cookies on it so nobody can log in. Put HTTPS in front and set APP_ORIGIN=https://….`,
    );
  return warnings;
}
