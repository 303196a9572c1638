// The legal texts travel with the pages that use them, not in the first page's bundle: importing this
// module registers them (see registerPageTexts in app/i18n/i18n.ts).
import { registerPageTexts } from "../i18n";
import { legalEn } from "../locales/legal.en";
import { legalNl } from "../locales/legal.nl";

registerPageTexts("legal", { nl: legalNl, en: legalEn });
