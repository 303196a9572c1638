// The privacy requests register's texts travel with its pages, not in the first page's bundle:
// importing this module registers them (see registerPageTexts in app/i18n/i18n.ts).
import { registerPageTexts } from "../i18n";
import { privacyRequestsEn } from "../locales/privacy-requests.en";
import { privacyRequestsNl } from "../locales/privacy-requests.nl";

registerPageTexts("privacyRequests", { nl: privacyRequestsNl, en: privacyRequestsEn });
