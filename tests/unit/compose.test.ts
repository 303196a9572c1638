import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS } from "~/config.server";

// docker-compose.yml cannot run here (no container engine): these checks keep it true to the app —
// the parts docs/deploy.md describes, and only variables the app reads.

type Service = {
  image?: string;
  build?: string;
  environment?: Record<string, string | number>;
  ports?: string[];
  deploy?: { replicas?: number };
};
const compose = parse(readFileSync("docker-compose.yml", "utf8")) as { services: Record<string, Service> };
const { app, pgbouncer, proxy, db } = compose.services;

describe("docker-compose.yml", () => {
  it("has a proxy, several app replicas, PgBouncer in transaction mode and PostgreSQL", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "db", "pgbouncer", "proxy"]);
    expect(app!.deploy?.replicas).toBeGreaterThan(1);
    expect(pgbouncer!.environment?.POOL_MODE).toBe("transaction");
    // The session query, the ballot statement and the vote's counters are named prepared statements
    // (ADRs 0040, 0046): in transaction mode PgBouncer must keep them per server connection.
    expect(Number(pgbouncer!.environment?.MAX_PREPARED_STATEMENTS)).toBeGreaterThan(0);
    expect(db!.image).toMatch(/^postgres:1[5-9]/);
  });

  it("reaches the app only through the proxy, and the database only through PgBouncer", () => {
    expect(app!.ports).toBeUndefined();
    expect(proxy!.ports).toEqual(["8080:8080"]);
    expect(String(app!.environment?.DATABASE_URL)).toMatch(/@pgbouncer:5432\//);
    expect(app!.environment?.TRUST_PROXY).toBe(1);
    expect(readFileSync("deploy/Caddyfile", "utf8")).toMatch(/dynamic a app 3000/);
  });

  it("gives the app only variables it reads", () => {
    const unknown = Object.keys(app!.environment ?? {}).filter((k) => !CONFIG_KEYS.includes(k));
    expect(unknown).toEqual([]);
  });
});
