// The single sign-on texts travel with the pages that use them, not in the first page's bundle:
// importing this module registers them (see registerPageTexts in app/i18n/i18n.ts).
import { registerPageTexts } from "../i18n";
import { oidcEn } from "../locales/oidc.en";
import { oidcNl } from "../locales/oidc.nl";

registerPageTexts("oidc", { nl: oidcNl, en: oidcEn });
