// The second factor's texts travel with the pages that use them, not in the first page's bundle:
// importing this module registers them (see registerPageTexts in app/i18n/i18n.ts).
import { registerPageTexts } from "../i18n";
import { mfaEn } from "../locales/mfa.en";
import { mfaNl } from "../locales/mfa.nl";

registerPageTexts("mfa", { nl: mfaNl, en: mfaEn });
