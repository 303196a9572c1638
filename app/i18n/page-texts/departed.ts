// How a deleted account is named where its work stays (jury pages and exports, book pages): these two
// texts travel with the pages that use them, not in the first page's bundle; importing this module
// registers them (see registerPageTexts in app/i18n/i18n.ts).
import { registerPageTexts } from "../i18n";
import { departedEn } from "../locales/departed.en";
import { departedNl } from "../locales/departed.nl";

registerPageTexts("departed", { nl: departedNl, en: departedEn });
