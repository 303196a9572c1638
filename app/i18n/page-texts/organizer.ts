// The organizer texts travel with the pages that use them, not in the first page's bundle: importing this
// module registers them (see registerPageTexts in app/i18n/i18n.ts).
import { registerPageTexts } from "../i18n";
import { organizerEn } from "../locales/organizer.en";
import { organizerNl } from "../locales/organizer.nl";

registerPageTexts("organizer", { nl: organizerNl, en: organizerEn });
