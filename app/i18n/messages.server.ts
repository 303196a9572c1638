import { accountEn } from "./locales/account.en";
import { accountNl } from "./locales/account.nl";
import { departedEn } from "./locales/departed.en";
import { departedNl } from "./locales/departed.nl";
import { en } from "./locales/en";
import { legalEn } from "./locales/legal.en";
import { legalNl } from "./locales/legal.nl";
import { nl } from "./locales/nl";
import { oidcEn } from "./locales/oidc.en";
import { oidcNl } from "./locales/oidc.nl";
import { organizerEn } from "./locales/organizer.en";
import { organizerNl } from "./locales/organizer.nl";
import { privacyPeopleEn } from "./locales/privacy-people.en";
import { privacyPeopleNl } from "./locales/privacy-people.nl";
import { privacyRequestsEn } from "./locales/privacy-requests.en";
import { privacyRequestsNl } from "./locales/privacy-requests.nl";
import { teamsEn } from "./locales/teams.en";
import { teamsNl } from "./locales/teams.nl";

// Every locale's texts, for the server (pages, mails, exports), page texts included. The browser gets
// only what it needs: Dutch in the entry bundle, English loaded when the page is English (see
// entry.client.tsx), and the texts of a few pages with those pages (app/i18n/page-texts/).
export const ALL_MESSAGES = {
  nl: {
    ...nl,
    accounts: accountNl,
    legal: legalNl,
    organizer: organizerNl,
    oidc: oidcNl,
    teams: teamsNl,
    departed: departedNl,
    privacyRequests: privacyRequestsNl,
    privacyPeople: privacyPeopleNl,
  },
  en: {
    ...en,
    accounts: accountEn,
    legal: legalEn,
    organizer: organizerEn,
    oidc: oidcEn,
    teams: teamsEn,
    departed: departedEn,
    privacyRequests: privacyRequestsEn,
    privacyPeople: privacyPeopleEn,
  },
};
