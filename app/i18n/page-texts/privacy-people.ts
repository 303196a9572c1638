// The texts of finding and erasing a person (/beheer/privacy, a request's page) travel with those
// pages, not in the first page's bundle: importing this module registers them (see registerPageTexts).
import { registerPageTexts } from "../i18n";
import { privacyPeopleEn } from "../locales/privacy-people.en";
import { privacyPeopleNl } from "../locales/privacy-people.nl";

registerPageTexts("privacyPeople", { nl: privacyPeopleNl, en: privacyPeopleEn });
