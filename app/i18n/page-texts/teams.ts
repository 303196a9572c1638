// The teams texts travel with the pages that use them, not in the first page's bundle: importing this
// module registers them (see registerPageTexts in app/i18n/i18n.ts).
import { registerPageTexts } from "../i18n";
import { teamsEn } from "../locales/teams.en";
import { teamsNl } from "../locales/teams.nl";

registerPageTexts("teams", { nl: teamsNl, en: teamsEn });
