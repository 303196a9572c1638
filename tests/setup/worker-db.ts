import { inject } from "vitest";
import { ensureDatabase } from "../../db/database";

// Each worker gets its own database, copied from the migrated template (fast and isolated).
const adminUrl = inject("pgAdminUrl");
const name = `lauwer_test_w${process.env.VITEST_POOL_ID ?? "0"}`;
if (!process.env.DATABASE_URL?.endsWith(`/${name}`)) {
  await ensureDatabase(adminUrl, name, "lauwer_test_template");
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
}
