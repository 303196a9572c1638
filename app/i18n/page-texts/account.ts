// The account texts (sign-up, login, password, unlock, the self-service account pages) travel with the pages
// that use them, not in the first page's bundle: importing this module registers them under `accounts`
// (see registerPageTexts in app/i18n/i18n.ts).
import { registerPageTexts } from "../i18n";
import { accountEn } from "../locales/account.en";
import { accountNl } from "../locales/account.nl";

registerPageTexts("accounts", { nl: accountNl, en: accountEn });
