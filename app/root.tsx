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
import { noticeFrom } from "~/lib/notice";
import { AppLink } from "~/components/app-link";
import { useNonce } from "~/components/nonce";
import { config } from "~/config.server";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/i18n";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: tokensCss },
  { rel: "stylesheet", href: utrechtCss },
  { rel: "stylesheet", href: appCss },
  { rel: "stylesheet", href: bookCss },
  { rel: "stylesheet", href: bookProposalsCss },
  { rel: "stylesheet", href: bookWritingCss },
];

export const meta: MetaFunction = () => [{ title: "Lauwer" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = context.user;
  return {
    locale: context.locale,
    requestId: context.requestId,
    notice: noticeFrom(new URL(request.url)),
    user: user ? { name: user.name, emailVerified: user.emailVerified } : null,
    showDevMail: !config().isProduction,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

/** After client-side navigation, move focus to the main content so screen readers announce the new page. */
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
}

function Shell({ locale, children }: { locale: Locale; children: ReactNode }) {
  const { t } = useTranslation();
  const data = useRootData();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const nonce = useNonce();
  useFocusOnNavigation(mainRef);
  const returnTo = location.pathname + location.search;
  return (
    <html lang={locale} className="utrecht-theme">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="description" content={t("meta.description")} />
        <Meta />
        <Links />
      </head>
      <body className="utrecht-document utrecht-document--surface">
        <SkipLink href="#main">{t("layout.skipLink")}</SkipLink>
        <header className="lauwer-header">
          <div className="lauwer-container lauwer-header__inner">
            <a href="/" className="lauwer-logo">
              Lauwer
            </a>
            <nav aria-label={t("layout.mainNav")} className="lauwer-nav">
              <ul>
                <li>
                  <NavLink to="/" end>
                    {t("layout.home")}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/boek">{t("book.nav")}</NavLink>
                </li>
                {data?.showDevMail ? (
                  <li>
                    <NavLink to="/dev/mail">{t("layout.devMail")}</NavLink>
                  </li>
                ) : null}
              </ul>
            </nav>
            <nav aria-label={t("layout.accountNav")} className="lauwer-nav lauwer-nav--account">
              <ul>
                {data?.user ? (
                  <>
                    <li>
                      <NavLink to="/mijn-nominaties">{t("layout.myNominations")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/mijn-stemmen">{t("voting.myVotes")}</NavLink>
                    </li>
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
          </div>
        </header>
        <main id="main" tabIndex={-1} ref={mainRef} className="lauwer-container lauwer-main">
          {data?.notice ? (
            <div className="lauwer-notice">
              <Alert type="ok">
                <Paragraph>{t(data.notice)}</Paragraph>
              </Alert>
            </div>
          ) : null}
          {children}
        </main>
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
          </div>
        </footer>
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
