import { en } from "./locales/en";
import { nl } from "./locales/nl";

// Every locale's texts, for the server (pages, mails, exports). The browser gets only what it needs:
// Dutch in the entry bundle and English loaded when the page is English (see entry.client.tsx).
export const ALL_MESSAGES = { nl, en };
