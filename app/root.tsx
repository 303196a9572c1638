import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { Alert, Heading1, Paragraph, SkipLink } from "~/components/nlds";
import utrechtCss from "@utrecht/component-library-css/dist/index.css";
import tokensCss from "@utrecht/design-tokens/dist/index.css";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import appCss from "~/styles/app.css";
import bookCss from "~/styles/book.css";
import bookProposalsCss from "~/styles/book-proposals.css";
import bookWritingCss from "~/styles/book-writing.css";
import navCss from "~/styles/nav.css";
import { noticeFrom } from "~/lib/notice.server";
import { AppLink } from "~/components/app-link";
import { useNonce } from "~/components/nonce";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { logger } from "~/logger.server";
import { navAreas, NO_AREAS } from "~/modules/home/open-work.server";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/i18n";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: tokensCss },
  { rel: "stylesheet", href: utrechtCss },
  { rel: "stylesheet", href: appCss },
  { rel: "stylesheet", href: bookCss },
  { rel: "stylesheet", href: bookProposalsCss },
  { rel: "stylesheet", href: bookWritingCss },
  { rel: "stylesheet", href: navCss },
];

export const meta: MetaFunction = () => [{ title: "Lauwer" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = context.user;
  return {
    areas: user ? await headerAreas(user.id) : NO_AREAS,
    locale: context.locale,
    requestId: context.requestId,
    notice: noticeFrom(new URL(request.url)),
    user: user ? { name: user.name, emailVerified: user.emailVerified } : null,
    showDevMail: config().devMailbox,
  };
}

/** The person's areas for the header; a page still renders (without them) when the database cannot answer. */
async function headerAreas(userId: string) {
  try {
    return await navAreas(getDb(), userId);
  } catch (error) {
    logger.warn({ err: error }, "header areas unavailable");
    return NO_AREAS;
  }
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

/**
 * After client-side navigation, move focus to the main content so screen readers announce the new page.
 * On the same page (a form that redirected back with its notice), only when the focus was lost: the
 * button that sent the form is gone (a cast ballot's review), and the main content starts with the notice.
 */
function useFocusOnNavigation(ref: React.RefObject<HTMLElement | null>) {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!location.hash) ref.current?.focus();
  }, [location.pathname, location.hash, ref]);
  const search = useRef(location.search);
  useEffect(() => {
    if (search.current === location.search) return;
    search.current = location.search;
    const active = document.activeElement;
    if (!location.hash && (active === null || active === document.body)) ref.current?.focus();
  }, [location.search, location.hash, ref]);
}

/** The site's menus: the main menu with the person's areas by role, and the account menu. */
function HeaderMenus({ locale, returnTo }: { locale: Locale; returnTo: string }) {
  const { t } = useTranslation();
  const data = useRootData();
  const areas = data?.areas;
  return (
    <>
      <nav aria-label={t("layout.mainNav")} className="lauwer-nav">
        <ul>
          <li>
            <NavLink to="/" end>
              {t("layout.home")}
            </NavLink>
          </li>
          {data?.user ? (
            <li>
              <NavLink to="/mijn-lauwer">{t("nav.myLauwer")}</NavLink>
            </li>
          ) : null}
          {areas?.manage ? (
            <li>
              <NavLink to="/beheer/prijzen">{t("nav.manage")}</NavLink>
            </li>
          ) : null}
          {areas?.jury ? (
            <li>
              <NavLink to="/jury">{t("nav.jury")}</NavLink>
            </li>
          ) : null}
          {areas?.edit ? (
            <li>
              <NavLink to="/beheer/boeken">{t("nav.editorial")}</NavLink>
            </li>
          ) : null}
          {areas?.authorProject ? (
            <li>
              <NavLink to={`/boek/${areas.authorProject}/mijn-portretten`}>{t("nav.myPortraits")}</NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to="/boek">{t("book.nav")}</NavLink>
          </li>
        </ul>
      </nav>
      <nav aria-label={t("layout.accountNav")} className="lauwer-nav lauwer-nav--account">
        <ul>
          {data?.user ? (
            <>
              <li>
                <NavLink to="/account">{t("layout.account")}</NavLink>
              </li>
              <li>
                <Form method="post" action="/uitloggen">
                  <button type="submit" className="lauwer-linkbutton">
                    {t("layout.logout")}
                  </button>
                </Form>
              </li>
            </>
          ) : (
            <>
              <li>
                <NavLink to="/inloggen">{t("layout.login")}</NavLink>
              </li>
              <li>
                <NavLink to="/registreren">{t("layout.signup")}</NavLink>
              </li>
            </>
          )}
          <li>
            <Form method="post" action="/taal" reloadDocument>
              <input type="hidden" name="locale" value={locale === "nl" ? "en" : "nl"} />
              <input type="hidden" name="returnTo" value={returnTo} />
              <button
                type="submit"
                className="lauwer-linkbutton"
                lang={locale === "nl" ? "en" : "nl"}
                aria-label={t("layout.switchToLabel")}
              >
                {t("layout.switchTo")}
              </button>
            </Form>
          </li>
        </ul>
      </nav>
    </>
  );
}

/** A route that exports `handle = { describes: true }` gives its own meta description (a share card), so the site's is left out. */
function useOwnDescription(): boolean {
  return useMatches().some((m) => (m.handle as { describes?: boolean } | undefined)?.describes === true);
}

/** A route that exports `handle = { chromeless: true }` (a projector screen) is shown without header, footer and notices. */
function useChromeless(): boolean {
  return useMatches().some((m) => (m.handle as { chromeless?: boolean } | undefined)?.chromeless === true);
}

/** The phone menu closes after a client-side navigation and on Escape (returning focus to its button). */
function useMenu() {
  const menuRef = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (menuRef.current) menuRef.current.open = false;
  }, [location.pathname, location.search]);
  const closeOnEscape = (event: React.KeyboardEvent<HTMLDetailsElement>) => {
    const menu = menuRef.current;
    if (event.key !== "Escape" || !menu?.open) return;
    menu.open = false;
    menu.querySelector("summary")?.focus();
  };
  return { menuRef, closeOnEscape };
}

function Shell({ locale, children }: { locale: Locale; children: ReactNode }) {
  const { t } = useTranslation();
  const data = useRootData();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const nonce = useNonce();
  useFocusOnNavigation(mainRef);
  const chromeless = useChromeless();
  const ownDescription = useOwnDescription();
  // While a submission or the page's data is on its way, the page says so (aria-busy): assistive
  // technology waits for the new content instead of reading the old.
  const busy = useNavigation().state !== "idle";
  const { menuRef, closeOnEscape } = useMenu();
  const returnTo = location.pathname + location.search;
  return (
    <html lang={locale} className="utrecht-theme">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {ownDescription ? null : <meta name="description" content={t("meta.description")} />}
        <Meta />
        <Links />
      </head>
      <body className="utrecht-document utrecht-document--surface">
        {chromeless ? null : (
          <>
            <SkipLink href="#main">{t("layout.skipLink")}</SkipLink>
            <header className="lauwer-header">
              <div className="lauwer-container lauwer-header__inner">
                <a href="/" className="lauwer-logo">
                  Lauwer
                </a>
                {/* Wide screens: the menus in the header. Phones: behind a "Menu" button (details works without JavaScript). */}
                <div className="lauwer-header__menus">
                  <HeaderMenus locale={locale} returnTo={returnTo} />
                </div>
                <details className="lauwer-menu" ref={menuRef} onKeyDown={closeOnEscape}>
                  <summary className="lauwer-menu__button">{t("nav.menu")}</summary>
                  <div className="lauwer-menu__panel">
                    <HeaderMenus locale={locale} returnTo={returnTo} />
                  </div>
                </details>
              </div>
            </header>
          </>
        )}
        <main
          id="main"
          tabIndex={-1}
          ref={mainRef}
          aria-busy={busy || undefined}
          className={`lauwer-container lauwer-main${chromeless ? " lauwer-main--chromeless" : ""}`}
        >
          {data?.notice && !chromeless ? (
            <div className="lauwer-notice">
              <Alert type="ok">
                <Paragraph>{t(data.notice)}</Paragraph>
              </Alert>
            </div>
          ) : null}
          {children}
        </main>
        {chromeless ? null : (
          <footer className="lauwer-footer">
            <div className="lauwer-container">
              <nav aria-label={t("layout.footerNav")}>
                <ul className="lauwer-footer__links">
                  <li>
                    <AppLink to="/privacy">{t("layout.privacy")}</AppLink>
                  </li>
                  <li>
                    <AppLink to="/toegankelijkheid">{t("layout.accessibility")}</AppLink>
                  </li>
                </ul>
              </nav>
              <Paragraph>{t("layout.footerText")}</Paragraph>
              {data?.showDevMail ? (
                <p className="lauwer-devbar">
                  {t("nav.devBar")}: <AppLink to="/dev/mail">{t("layout.devMail")}</AppLink>
                </p>
              ) : null}
            </div>
          </footer>
        )}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  return <Shell locale={data?.locale ?? DEFAULT_LOCALE}>{children}</Shell>;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const data = useRootData();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, text] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFound")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbidden")]
        : status === 400 || status === 405
          ? [t("errors.badRequestTitle"), t("errors.badRequest")]
          : status === 503
            ? [t("errors.unavailableTitle"), t("errors.unavailable")]
            : [t("errors.serverTitle"), t("errors.server")];
  const showStack = data?.showDevMail && error instanceof Error;
  return (
    <>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {text}
        {status >= 500 && status !== 503 && data?.requestId ? (
          <>
            {" "}
            <code>{data.requestId}</code>
          </>
        ) : null}
      </Paragraph>
      {showStack ? <pre className="lauwer-stack">{error.stack}</pre> : null}
      <Paragraph>
        <AppLink to="/">{t("errors.backHome")}</AppLink>
      </Paragraph>
    </>
  );
}
