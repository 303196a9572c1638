import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createI18n, DEFAULT_LOCALE, isLocale, keepPageTextsIn, registerMessages } from "~/i18n/i18n";
import { nl } from "~/i18n/locales/nl";

// Dutch (the default and the fallback) comes with the bundle; English is loaded only for English
// pages. Switching language reloads the document, so a page never needs the other locale.
registerMessages("nl", nl);

async function hydrate() {
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  if (locale === "en") registerMessages("en", (await import("~/i18n/locales/en")).en);
  const i18n = createI18n(locale);
  // Texts of pages loaded later (app/i18n/page-texts) join this instance when their page's module loads.
  keepPageTextsIn(i18n);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <RemixBrowser />
        </I18nextProvider>
      </StrictMode>,
    );
  });
}

void hydrate();
