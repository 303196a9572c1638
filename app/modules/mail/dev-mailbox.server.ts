import { config } from "~/config.server";

/** The development mailbox does not exist in production: 404, as for any unknown page. */
export function requireDevMailbox(): void {
  if (config().isProduction) throw new Response("Not found", { status: 404 });
}
