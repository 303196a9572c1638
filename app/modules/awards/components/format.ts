import { useTranslation } from "react-i18next";

/** Dates in Dutch or English, always in Europe/Amsterdam (the same on server and browser). */
export function useDateFormat() {
  const { i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "long", timeZone: "Europe/Amsterdam" });
  return (iso: string | null, fallback: string) => (iso ? fmt.format(new Date(iso)) : fallback);
}
