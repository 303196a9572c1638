import { config } from "~/config.server";

/**
 * robots.txt: public pages may be crawled; work areas (admin, jury, the development mailbox, accounts,
 * a person's own pages) and addresses that carry a personal token may not. Points to the sitemap
 * with the configured origin (APP_ORIGIN).
 */
export function loader() {
  const lines = [
    "User-agent: *",
    "Allow: /",
    "Disallow: /beheer",
    "Disallow: /jury",
    "Disallow: /dev",
    "Disallow: /account",
    "Disallow: /mijn-",
    "Disallow: /boek/*/mijn-portretten",
    "Disallow: /instemming",
    "Disallow: /e-mail-bevestigen",
    "Disallow: /wachtwoord-herstellen",
    "Disallow: /afmelden",
    "",
    `Sitemap: ${config().origin}/sitemap.xml`,
    "",
  ];
  return new Response(lines.join("\n"), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
