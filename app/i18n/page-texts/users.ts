// The user management texts travel with the pages and mails that use them, not in the first page's
// bundle: importing this module registers them (see registerPageTexts in app/i18n/i18n.ts).
import { registerPageTexts } from "../i18n";
import { usersEn } from "../locales/users.en";
import { usersNl } from "../locales/users.nl";

registerPageTexts("users", { nl: usersNl, en: usersEn });
