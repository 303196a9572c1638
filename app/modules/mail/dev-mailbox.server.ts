import { config } from "~/config.server";

/**
 * The development mailbox exists only on a developer's own machine or when asked for (DEV_MAILBOX,
 * ADR 0018); elsewhere it is 404, as for any unknown page.
 */
export function requireDevMailbox(): void {
  if (!config().devMailbox) throw new Response("Not found", { status: 404 });
}
