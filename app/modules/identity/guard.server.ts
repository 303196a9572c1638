import type { AppLoadContext } from "@remix-run/node";
import { visitorsOnly } from "~/auth/guards.server";
import { providerButtons, type ProviderButton } from "./providers.server";

/**
 * The loader of the visitors' pages that offer single sign-on (login, sign-up): visitors only, with the
 * configured identity providers for their buttons.
 */
export function visitorsWithProviders(args: { context: AppLoadContext }): { sso: ProviderButton[] } {
  visitorsOnly(args);
  return { sso: providerButtons() };
}
