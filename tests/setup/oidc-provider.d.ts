// oidc-provider ships no types; the test harness uses a few of its calls (tests/setup/oidc-idp.ts).
declare module "oidc-provider";
