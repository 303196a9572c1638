/**
 * The layer rules of ADR 0009, checked on every `npm run lint`: no import cycles, db/ imports nothing
 * from the app, modules hold no Remix request/response code, routes hold no SQL.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "An import cycle hides which layer a module belongs to; break it by moving the shared part down.",
      from: {},
      to: { circular: true, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "db-imports-no-app",
      severity: "error",
      comment: "db/ holds the connection, types and migrations; it depends on nothing above it (seed/ may).",
      from: { path: "^db/" },
      to: { path: "^(app|seed|server|scripts)/" },
    },
    {
      name: "app-imports-no-seed",
      severity: "error",
      comment: "Demo data and the CLI sit above the app, not inside it.",
      from: { path: "^app/" },
      to: { path: "^(seed|scripts)/" },
    },
    {
      name: "modules-no-remix-runtime",
      severity: "error",
      comment:
        "Services are plain functions (db first, Outcome back); requests and responses belong to routes. Guards (guard.server.ts) throw the redirect, 403 or 404 by design; a type-only import of the load context is fine.",
      from: { path: "^app/modules/", pathNot: "(/components/|/guard[.]server[.]ts$)" },
      to: { path: "@remix-run/(node|server-runtime)", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "routes-no-sql",
      severity: "error",
      comment: "Queries live in app/modules/<domain>; a route calls a service.",
      from: { path: "^app/routes/" },
      to: { path: "^node_modules/kysely/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "modules-import-no-routes",
      severity: "error",
      comment: "A module never depends on a route (not even on a loader's type).",
      from: { path: "^app/(modules|lib|components|auth)/" },
      to: { path: "^app/routes/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
