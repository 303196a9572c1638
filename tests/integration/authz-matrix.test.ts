// The authorization matrix (issue #15): every route of the built app × every kind of person → what the
// app answers, compared with a table that classifies each route. A route added without a line in ACCESS
// fails here, and so does any cell that differs: a new page must say who may use it, and prove it.
//
// Each route's loader and action is called ALONE, the way Remix lets any client do it (single fetch:
// `<path>.data?_routes=<route id>`; a resource route at its own path): a child route that relied on its
// layout's guard would be open here, as it is to an attacker. GET calls the loader; POST (same-origin
// Origin, an unknown intent) calls the action: past its guard every action answers 400 for the unknown
// intent and changes nothing (handleIntents).
import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { unsubscribeToken } from "~/modules/notices/preferences.server";
import { publishSnapshot } from "~/modules/results/results.server";
import { createEdition, createUser, grantAdmin } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { addJuror, createJuryRound } from "../setup/jury";
import { addAuthor, assignDirectly, createWritingProject } from "../setup/book-writing";
import { createVoteRound, sessionFor } from "../setup/voting";

const ROLES = ["anonymous", "member", "juror", "editor", "author", "otherOrganizer", "organizer", "admin"] as const;
type Role = (typeof ROLES)[number];

/**
 * What a person gets, as the app answers it:
 * ok — the page or file (2xx); login — sent to the login page (visitors only; a signed-in person never);
 * away — sent elsewhere (a visitors-only page sends a signed-in person to /account);
 * forbidden — 403; notfound — 404 (also where the app hides that something exists);
 * invalid — a page's own 400 (a token link opened without its token).
 * An action past its guard answers the unknown probe intent with 400: that is `ok` (let through).
 * Anything else (500, 405, …) is written as `status <n>` and matches no expectation.
 */
type Kind = "ok" | "login" | "away" | "forbidden" | "notfound" | "invalid";

/**
 * Who a loader or action is for. `allowed` roles get through the guard; the rest get the denial the
 * guard gives: visitors are sent to log in, signed-in people get 403 (or 404 where the guard hides).
 */
type Access =
  | "public" // anyone (the page itself decides what to show; tokens in the query are the authority)
  | "visitor" // login, sign-up: visitors only; a signed-in person is sent to /account
  | "member" // any signed-in person
  | "session" // logging out: a signed-in person; a visitor has no session to end and is sent home
  | "organizer" // an organizer of this award only (not another award's, not an admin: nothing is implied)
  | "admin" // a platform admin only
  | "editor" // an editor of this book project only
  | "juror" // a jury member of this edition only
  | "author" // the author the portrait is assigned to (others: 404, the portrait is not theirs)
  | "organizerOrCandidate" // a photo of a nominee in moderation: its award's organizers; others 404
  | "notfound" // the catch-all: 404 for everyone
  | "config"; // the development mailbox: depends on configuration, never on a role (checked separately)

interface Entry {
  get?: Access;
  post?: Access;
  /** What the loader answers those it lets through, when that is not a page (ok): a redirect (away). */
  getPass?: Kind;
}

/**
 * The classification of every route of app/routes, by Remix route id. A new route must be added here
 * with who may use it; a route that loses its guard no longer answers as written here.
 */
const ACCESS: Record<string, Entry> = {
  root: { get: "public" },
  "routes/$": { get: "notfound", post: "notfound" },
  "routes/_index": { get: "public" },
  "routes/privacy": { get: "public" },
  "routes/toegankelijkheid": { get: "public" },
  "routes/robots[.]txt": { get: "public" },
  "routes/sitemap[.]xml": { get: "public" },
  "routes/taal": { get: "public", getPass: "away", post: "public" },
  // Visitors' forms and token links (the token is the authority; without one the page says so).
  "routes/inloggen": { get: "visitor", post: "visitor" },
  "routes/registreren": { get: "visitor", post: "visitor" },
  "routes/wachtwoord-vergeten": { post: "public" },
  "routes/wachtwoord-herstellen": { get: "public", post: "public" },
  "routes/ontgrendelen": { get: "public", post: "public" }, // the mailed unlock token is the authority
  "routes/e-mail-bevestigen": { get: "public", post: "public" }, // the mailed token; its resend intent needs a user
  "routes/afmelden": { get: "public", post: "public" }, // the mailed token is the authority
  "routes/instemming": { get: "public", post: "public" },
  "routes/referentie": { get: "public", post: "public" },
  "routes/stembewijs": { get: "public" },
  "routes/uitloggen": { get: "public", getPass: "away", post: "session" },
  "routes/dev.mail._index": { get: "config" },
  "routes/dev.mail.$id": { get: "config" },
  // A member's own pages.
  "routes/account._index": { get: "member", post: "member" },
  "routes/mijn-lauwer": { get: "member" },
  "routes/mijn-nominaties": { get: "member", post: "member" },
  "routes/mijn-stemmen": { get: "member" },
  "routes/jury._index": { get: "member" },
  // The mailed jury link: a visitor reads the invitation and the way in (as routes/uitnodiging); accepting needs an account.
  "routes/jury.uitnodiging": { get: "public", post: "member" },
  // Public award pages; nominating, endorsing and voting need an account.
  "routes/prijzen.$award._index": { get: "public", getPass: "away" }, // to the newest edition
  "routes/prijzen.$award.$year": { get: "public" },
  "routes/prijzen.$award.$year._index": {},
  "routes/prijzen.$award.$year.kandidaten._index": { get: "public" },
  "routes/prijzen.$award.$year.kandidaten.$nominee": { get: "public" },
  "routes/prijzen.$award.$year.kandidaten.$nominee.steunen": { get: "member", post: "member" },
  "routes/prijzen.$award.$year.nomineren": { get: "member", post: "member" },
  "routes/prijzen.$award.$year.suggesties": { get: "public" },
  "routes/prijzen.$award.$year.top-100": { get: "public" },
  "routes/prijzen.$award.$year.uitslag": { get: "public" },
  "routes/prijzen.$award.$year.uitslag[.]json": { get: "public" },
  "routes/prijzen.$award.$year.uitslag_.controleren": { get: "public" },
  "routes/prijzen.$award.$year.uitslag_.ronde.$position.$file": { get: "public" },
  "routes/prijzen.$award.$year.ronde.$position._index": { get: "public" },
  "routes/prijzen.$award.$year.ronde.$position.$category": { get: "public", post: "member" },
  "routes/prijzen.$award.$year.ronde.$position.stroom": { get: "public" },
  "routes/prijzen.$award.$year_.ronde.$position.scherm": { get: "public" },
  "routes/l.$code._index": { get: "public", getPass: "away" }, // to the live round's ballot
  "routes/l.$code.qr": { get: "public" },
  "routes/fotos.$nominee.$file": { get: "organizerOrCandidate" },
  // Jurors.
  "routes/jury.$award.$year.$position._index": { get: "juror" },
  "routes/jury.$award.$year.$position.$nominee": { get: "juror", post: "juror" },
  // Organizers of the award.
  "routes/beheer.prijzen._index": { get: "member" },
  "routes/beheer.prijzen.nieuw": { get: "admin", post: "admin" },
  "routes/beheer.prijzen.$award.nieuwe-editie": { get: "organizer", post: "organizer" },
  "routes/beheer.prijzen.$award.auditlog._index": { get: "organizer" },
  "routes/beheer.prijzen.$award.auditlog.$file": { get: "organizer" },
  "routes/beheer.prijzen.$award.$year": { get: "organizer" },
  "routes/beheer.prijzen.$award.$year._index": { get: "organizer" },
  "routes/beheer.prijzen.$award.$year.berichten": { get: "organizer" },
  "routes/beheer.prijzen.$award.$year.bewaartermijn": { get: "organizer", post: "organizer" },
  "routes/beheer.prijzen.$award.$year.export._index": { get: "organizer" },
  "routes/beheer.prijzen.$award.$year.export.$file": { get: "organizer" },
  "routes/beheer.prijzen.$award.$year.jury._index": { get: "organizer", post: "organizer" },
  "routes/beheer.prijzen.$award.$year.jury.$position": { get: "organizer", post: "organizer" },
  "routes/beheer.prijzen.$award.$year.jury.belangen": { get: "organizer", post: "organizer" },
  "routes/beheer.prijzen.$award.$year.moderatie._index": { get: "organizer", post: "organizer" },
  "routes/beheer.prijzen.$award.$year.moderatie.$nominee": { get: "organizer", post: "organizer" },
  "routes/beheer.prijzen.$award.$year.moderatie.$nominee_.wissen": { get: "organizer", post: "organizer" },
  "routes/beheer.prijzen.$award.$year.procedure": { get: "organizer", post: "organizer" },
  "routes/beheer.prijzen.$award.$year.selectie.$position": { get: "organizer", post: "organizer" },
  "routes/beheer.prijzen.$award.$year.stemmen.$position._index": { get: "organizer", post: "organizer" },
  "routes/beheer.prijzen.$award.$year.stemmen.$position.stembiljetten": { get: "organizer", post: "organizer" },
  "routes/beheer.prijzen.$award.$year.uitslag": { get: "organizer", post: "organizer" },
  // Platform admins.
  "routes/beheer.audit._index": { get: "admin" },
  "routes/beheer.audit.$file": { get: "admin" },
  "routes/beheer.instellingen": { get: "admin", post: "admin" },
  "routes/beheer.rollen": { get: "admin", post: "admin" },
  // Book projects: public pages, members' forms, the assigned author, the project's editors.
  "routes/boek._index": { get: "public" },
  "routes/boek.$project._index": { get: "public" },
  "routes/boek.$project.auteur": { get: "member", post: "member" },
  "routes/boek.$project.wensen": { get: "member", post: "member" },
  "routes/boek.$project.portretten._index": { get: "public" },
  "routes/boek.$project.portretten.$proposal": { get: "public" },
  "routes/boek.$project.mijn-portretten._index": { get: "member" },
  "routes/boek.$project.mijn-portretten.$proposal": { get: "author", post: "author" },
  "routes/boek.$project.voordrachten._index": { get: "public" },
  "routes/boek.$project.voordrachten.$proposal": { get: "public", post: "member" },
  "routes/boek.$project.voordrachten.nieuw": { get: "member", post: "member" },
  "routes/boek.$project.voordrachten.suggesties": { get: "public" },
  "routes/beheer.boeken._index": { get: "member" },
  "routes/beheer.boeken.nieuw": { get: "admin", post: "admin" },
  "routes/beheer.boeken.$project._index": { get: "editor", post: "editor" },
  "routes/beheer.boeken.$project.auditlog._index": { get: "editor" },
  "routes/beheer.boeken.$project.auditlog.$file": { get: "editor" },
  "routes/beheer.boeken.$project.auteurs": { get: "editor" },
  "routes/beheer.boeken.$project.balans": { get: "editor" },
  "routes/beheer.boeken.$project.export._index": { get: "editor" },
  "routes/beheer.boeken.$project.export.$file": { get: "editor" },
  "routes/beheer.boeken.$project.portretten._index": { get: "editor", post: "editor" },
  "routes/beheer.boeken.$project.portretten.$proposal": { get: "editor", post: "editor" },
  "routes/beheer.boeken.$project.toewijzing": { get: "editor", post: "editor" },
  "routes/beheer.boeken.$project.voordrachten._index": { get: "editor", post: "editor" },
  "routes/beheer.boeken.$project.voordrachten.$proposal": { get: "editor", post: "editor" },
  // Platform admins: user management (#16).
  "routes/beheer.gebruikers._index": { get: "admin" },
  "routes/beheer.gebruikers.$user": { get: "admin", post: "admin" },
  // Platform admins: a person found and erased everywhere (#19).
  "routes/beheer.privacy": { get: "admin", post: "admin" },
  // Platform admins: the register of privacy requests (#19 item 3); the download and readable report are loaders.
  "routes/beheer.privacy_.verzoeken._index": { get: "admin", post: "admin" },
  "routes/beheer.privacy_.verzoeken.$request._index": { get: "admin", post: "admin" },
  "routes/beheer.privacy_.verzoeken.$request.gegevens": { get: "admin" },
  "routes/beheer.privacy_.verzoeken.$request.inzage": { get: "admin" },
  // The self-service account (#16): the signed-in person's own data only.
  "routes/account.gegevens": { get: "member", post: "member" },
  "routes/account.sessies": { get: "member", post: "member" },
  "routes/account.mijn-gegevens": { get: "member" },
  "routes/account.mijn-gegevens[.]json": { get: "member" },
  "routes/account.verwijderen": { get: "member", post: "member" },
  "routes/account.koppelingen": { get: "member", post: "member" },
  // Teams (issue #16, item 4): the invitation link shows itself to anyone; accepting needs an account.
  "routes/uitnodiging": { get: "public", post: "member" },
  "routes/beheer.prijzen.$award.team": { get: "organizer", post: "organizer" },
  "routes/beheer.boeken.$project.team": { get: "editor", post: "editor" },
  // Single sign-on (ADR 0025): a provider's start (a link) and its callback, for anyone — a signed-in
  // person signs in again through a provider to vote in its round (no provider is configured here: 404
  // for everyone); the page after signing out at a provider (404 likewise); the mailed link to link an
  // account (the token is the authority; without one the page says so).
  "routes/inloggen_.sso.$provider": { get: "public", getPass: "notfound" },
  "routes/inloggen_.sso.$provider_.terug": { get: "public", getPass: "notfound" },
  "routes/uitgelogd.$provider": { get: "public", getPass: "notfound" },
  // The configured providers, read-only (platform admins).
  "routes/beheer.identiteitsproviders": { get: "admin" },
  "routes/inloggen_.sso.koppelen": { get: "public", getPass: "invalid", post: "public" },
  // The second factor (ADR 0024): the code step is for a browser that has not signed in yet (a signed-in
  // session that passed it is sent on); one's own second factor is a member's page.
  "routes/inloggen_.tweede-stap": { get: "visitor", post: "visitor" },
  "routes/account_.tweestapsverificatie": { get: "member", post: "member" },
};

/** The one role (besides the public) each scoped access is for. */
const HOLDER: Partial<Record<Access, Role>> = {
  organizer: "organizer",
  admin: "admin",
  editor: "editor",
  juror: "juror",
  author: "author",
  organizerOrCandidate: "organizer",
};

/** The expected answer of one cell; `config` is checked apart (the same for everyone). */
function expected(access: Access, role: Role, pass: Kind): Kind {
  switch (access) {
    case "public":
      return pass;
    case "notfound":
      return "notfound";
    case "visitor":
      return role === "anonymous" ? pass : "away";
    case "member":
      return role === "anonymous" ? "login" : pass;
    case "session":
      return role === "anonymous" ? "away" : pass;
    case "organizerOrCandidate":
      return role === "organizer" ? pass : "notfound";
    case "author":
      return role === "anonymous" ? "login" : role === "author" ? pass : "notfound";
    case "config":
      throw new Error("config access is checked apart");
    default:
      return role === "anonymous" ? "login" : role === HOLDER[access] ? pass : "forbidden";
  }
}

interface RouteInfo {
  id: string;
  path: string;
  hasLoader: boolean;
  hasAction: boolean;
  index: boolean;
  /** No page component: Remix answers with the loader's own response (files, feeds, streams). */
  resource: boolean;
}

/** Every route of the built app with its full path pattern (parents' paths joined), from the manifest. */
function manifestRoutes(build: ServerBuild): RouteInfo[] {
  const fullPath = (id: string): string => {
    const r = build.routes[id]!;
    const own = r.path ?? "";
    if (!r.parentId) return own;
    const parent = fullPath(r.parentId);
    return [parent, own].filter(Boolean).join("/");
  };
  return Object.values(build.routes).map((r) => ({
    id: r.id,
    path: "/" + fullPath(r.id),
    hasLoader: Boolean(r.module.loader),
    hasAction: Boolean(r.module.action),
    index: Boolean(r.index),
    resource: !r.module.default && !r.module.ErrorBoundary,
  }));
}

let app: TestServer;
let routes: RouteInfo[];
const cookies = {} as Record<Exclude<Role, "anonymous">, string>;
let params: Record<string, string>;
/** Per route: the params that differ from the defaults (a jury round's number, a file name). */
let overrides: Record<string, Record<string, string>>;
/** Per route: a query its links carry (a mailed token). */
let queries: Record<string, Record<string, string>>;

/** A photo of a nominee still in moderation: only its award's organizers may see it. */
async function pendingNomineeWithPhoto(editionId: string, categoryId: string) {
  const db = getDb();
  const nominee = await db
    .insertInto("nominee")
    .values({
      edition_id: editionId,
      category_id: categoryId,
      kind: "person",
      name: "Kandidaat In Moderatie",
      organisation: "Gemeente Test",
      status: "pending",
      consent_status: "accepted",
      photo_consent_at: sql<Date>`now()`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const content = Buffer.from(`webp-${randomUUID()}`);
  const hash = createHash("sha256").update(content).digest("hex");
  await db
    .insertInto("nominee_photo")
    .values({
      nominee_id: nominee.id,
      content,
      thumbnail: content,
      content_hash: hash,
      mime: "image/webp",
      width: 480,
      height: 480,
      alt: "Portret",
      created_by: null,
    })
    .execute();
  return { nomineeId: nominee.id, file: `${hash}.webp` };
}

beforeAll(async () => {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  routes = manifestRoutes(build);
  app = await startTestServer();
  const db = getDb();

  // An award edition: vote round 1 (opens tomorrow), jury round 2 (open), a live vote 3 (open, on
  // screen) and an organizer selection 4 — with its organizer and a juror of every category.
  const award = await createJuryRound({ categories: 2, candidatesPerCategory: 2 });
  const juror = await addJuror(award);
  const liveCode = `AZ${randomUUID().slice(0, 4).toUpperCase()}`;
  await db
    .insertInto("round")
    .values([
      {
        edition_id: award.editionId,
        position: 3,
        kind: "live_vote",
        name_nl: "Zaalstemming",
        name_en: "Live vote",
        opens_at: sql<Date>`now() - interval '1 minute'`,
        closes_at: null,
        source: "all",
        advancement: "none",
        show_live_totals: true,
        short_code: liveCode,
      },
      {
        edition_id: award.editionId,
        position: 4,
        kind: "organizer_selection",
        name_nl: "Selectie",
        name_en: "Selection",
        opens_at: sql<Date>`now() - interval '1 minute'`,
        closes_at: sql<Date>`now() + interval '1 hour'`,
        source: "all",
        advancement: "organizer",
        advance_k: 1,
      },
    ])
    .execute();
  const photo = await pendingNomineeWithPhoto(award.editionId, award.categoryIds[0]!);

  // An edition whose closed public vote has published results (the public results pages and lists).
  const done = await createVoteRound({ categories: 1, candidatesPerCategory: 2, opensIn: -7200, closesIn: -60 });
  await db
    .insertInto("prize")
    .values({
      edition_id: done.editionId,
      position: 1,
      kind: "public",
      name_nl: "Publieksprijs",
      name_en: "Public prize",
      vote_round_id: done.roundId,
      jury_round_id: null,
    })
    .execute();
  const published = await publishSnapshot(db, { actorId: null }, done.editionId, null);
  if (!published.ok) throw new Error(`results not published: ${published.error}`);
  const results = { award: done.slug, position: "1" };

  // Another award with its own organizer.
  const other = await createEdition();
  const otherOrganizer = await createUser();
  await db
    .insertInto("role_grant")
    .values({ user_id: otherOrganizer.id, role: "organizer", award_id: other.awardId, edition_id: null, book_project_id: null })
    .execute();

  // A book project with its editor, and an author with portrait 1 assigned.
  const book = await createWritingProject({ portraits: 2 });
  const author = await addAuthor(book);
  await assignDirectly(book, book.portraits[0]!, author.id);
  // Portrait 2 is written, final and published by another author: the public portrait page.
  const writer = await addAuthor(book, 1, "Auteur Gepubliceerd");
  await assignDirectly(book, book.portraits[1]!, writer.id);
  await db
    .insertInto("book_manuscript_version")
    .values({ proposal_id: book.portraits[1]!, version: 1, author_id: writer.id, body: "Een korte tekst.", word_count: 3, submitted: true })
    .execute();
  await db.updateTable("book_assignment").set({ status: "submitted" }).where("proposal_id", "=", book.portraits[1]!).execute();
  await db
    .updateTable("book_assignment")
    .set({ status: "final", published_at: new Date() })
    .where("proposal_id", "=", book.portraits[1]!)
    .execute();

  const admin = await createUser();
  await grantAdmin(admin.id);
  const member = await createUser();
  const mail = await db
    .insertInto("outbox_email")
    .values({ to_address: member.email, locale: "nl", template: "test", subject: "Test", body_text: "Test" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const privacyRequest = await db
    .insertInto("privacy_request")
    .values({ kind: "access", received_on: "2026-12-01", name: "Iemand", email: "iemand@example.org" })
    .returning("id")
    .executeTakeFirstOrThrow();

  Object.assign(cookies, {
    member: await sessionFor(member.id),
    juror: juror.cookie,
    editor: book.editor.cookie,
    author: author.cookie,
    otherOrganizer: await sessionFor(otherOrganizer.id),
    organizer: award.organizer.cookie,
    admin: await sessionFor(admin.id),
  });
  params = {
    award: award.slug,
    year: "2026",
    position: "1",
    category: award.categories[0]!.slug,
    nominee: award.candidates[award.categoryIds[0]!]![0]!,
    project: book.slug,
    proposal: book.portraits[0]!,
    code: liveCode,
    id: String(mail.id),
    provider: "test-idp",
    request: privacyRequest.id,
  };
  queries = { "routes/afmelden": { token: await unsubscribeToken(db, member.email, "votes") } };
  overrides = {
    "routes/fotos.$nominee.$file": { nominee: photo.nomineeId, file: photo.file },
    "routes/beheer.prijzen.$award.$year.moderatie.$nominee": { nominee: photo.nomineeId },
    "routes/beheer.prijzen.$award.$year.moderatie.$nominee_.wissen": { nominee: photo.nomineeId },
    "routes/jury.$award.$year.$position._index": { position: "2" },
    "routes/jury.$award.$year.$position.$nominee": { position: "2" },
    "routes/beheer.prijzen.$award.$year.jury.$position": { position: "2" },
    "routes/prijzen.$award.$year.ronde.$position.stroom": { position: "3" },
    "routes/prijzen.$award.$year_.ronde.$position.scherm": { position: "3" },
    "routes/beheer.prijzen.$award.$year.selectie.$position": { position: "4" },
    "routes/boek.$project.portretten.$proposal": { proposal: book.portraits[1]! },
    "routes/prijzen.$award.$year.uitslag[.]json": results,
    "routes/prijzen.$award.$year.uitslag_.controleren": results,
    "routes/prijzen.$award.$year.uitslag_.ronde.$position.$file": { ...results, file: "stemmen.csv" },
    "routes/beheer.prijzen.$award.$year.export.$file": { file: "nominaties.csv" },
    "routes/beheer.boeken.$project.export.$file": { file: "voordrachten.csv" },
    "routes/beheer.prijzen.$award.auditlog.$file": { file: "auditlog.csv" },
    "routes/beheer.boeken.$project.auditlog.$file": { file: "auditlog.csv" },
    "routes/beheer.audit.$file": { file: "auditlog.csv" },
    "routes/beheer.gebruikers.$user": { user: member.id },
  };
});
afterAll(() => app?.close());

/** The route's path with its params filled from the fixture. */
function urlOf(route: RouteInfo): string {
  const values = { ...params, ...overrides[route.id] };
  return route.path.replace(/\/\*$/, "/geen-pagina-hier").replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for :${name} in ${route.id}`);
    return encodeURIComponent(v);
  });
}

/**
 * One route's loader or action alone, as the browser's own data requests call it (single fetch:
 * `<path>.data?_routes=<id>`; an action at `<path>.data`, `?index` for an index route); a resource
 * route (a file, a feed, a stream) at its own path, where Remix runs only its loader.
 */
function requestUrl(route: RouteInfo, method: "GET" | "POST"): string {
  const url = urlOf(route);
  const query = new URLSearchParams(queries[route.id]);
  if (!route.resource) {
    if (method === "GET") query.set("_routes", route.id);
    else if (route.index) query.set("index", "");
  }
  const path = route.resource ? url : url === "/" ? "/_root.data" : `${url}.data`;
  return query.size ? `${path}?${query}` : path;
}

async function answer(route: RouteInfo, role: Role, method: "GET" | "POST", cookie?: string): Promise<string> {
  const headers: Record<string, string> = {};
  if (role !== "anonymous") headers.cookie = cookie ?? cookies[role];
  const res = await app.request(
    requestUrl(route, method),
    method === "GET" ? { headers } : { headers, form: { intent: "authz-matrix-probe" } },
  );
  // A single-fetch redirect is a 202 whose (small) body names the target; any other body is not read
  // (a stream, the projector's, is closed at once).
  let target = res.status >= 300 && res.status < 400 ? res.headers.get("location") : null;
  if (res.status === 202 && !route.resource) {
    const body = await res.text();
    target = /"(\/[^"]*)"/.exec(body)?.[1] ?? null;
    if (target === null) throw new Error(`a 202 without a redirect target: ${route.id}: ${body}`);
  } else {
    await res.body?.cancel();
  }
  if (target?.startsWith("/inloggen/tweede-stap") || target?.startsWith("/account/tweestapsverificatie")) return "second factor";
  if (target !== null) return target.startsWith("/inloggen") ? "login" : "away";
  if (res.status >= 200 && res.status < 300) return "ok";
  // An action past its guard refuses the probe intent (400): the guard let this person through.
  if (res.status === 400 && method === "POST") return "ok";
  if (res.status === 403) return "forbidden";
  if (res.status === 404) return "notfound";
  if (res.status === 400) return "invalid";
  return `status ${res.status}`;
}

describe("authorization matrix", () => {
  it("classifies every route of the build, with the loader and action it really has", () => {
    const ids = routes.map((r) => r.id).sort();
    expect(
      ids.filter((id) => !(id in ACCESS)),
      "routes without a line in ACCESS",
    ).toEqual([]);
    expect(
      Object.keys(ACCESS).filter((id) => !ids.includes(id)),
      "lines in ACCESS without a route",
    ).toEqual([]);
    const shape = routes.map((r) => ({ id: r.id, get: r.hasLoader, post: r.hasAction }));
    const declared = routes.map((r) => ({ id: r.id, get: ACCESS[r.id]?.get !== undefined, post: ACCESS[r.id]?.post !== undefined }));
    expect(declared).toEqual(shape);
  });

  it("answers every role on every route as classified", async () => {
    const mismatches: string[] = [];
    let cells = 0;
    for (const route of routes) {
      const entry = ACCESS[route.id];
      if (!entry) continue;
      for (const method of ["GET", "POST"] as const) {
        const access = method === "GET" ? entry.get : entry.post;
        if (!access) continue;
        // One person after the other: a per-client limit (the projector stream's) sees one connection at a time.
        const got: string[] = [];
        for (const role of ROLES) got.push(await answer(route, role, method));
        cells += ROLES.length;
        if (access === "config") {
          // The development mailbox is on or off by configuration: never different per role.
          if (new Set(got).size !== 1 || !["ok", "notfound"].includes(got[0]!))
            mismatches.push(`${method} ${route.id}: ${got.join(", ")} (must be the same for all)`);
          continue;
        }
        ROLES.forEach((role, i) => {
          const want = expected(access, role, method === "GET" ? (entry.getPass ?? "ok") : "ok");
          if (got[i] !== want) mismatches.push(`${method} ${route.id} as ${role}: ${got[i]}, expected ${want} (${access})`);
        });
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBeGreaterThan(1000);
  });
});

describe("second factor on every privileged route (ADR 0024)", () => {
  it("an admin, organizer or editor whose session passed only the password reaches none of their routes", async () => {
    // The same people as above, each with a second session that did not pass the second factor.
    const bare = {} as Record<"admin" | "organizer" | "editor", string>;
    for (const role of ["admin", "organizer", "editor"] as const) {
      const id = cookies[role].split("=")[1]!;
      const { user_id } = await getDb().selectFrom("user_session").select("user_id").where("id", "=", id).executeTakeFirstOrThrow();
      bare[role] = await sessionFor(user_id, { secondFactor: false });
    }
    const leaks: string[] = [];
    let cells = 0;
    for (const route of routes) {
      const entry = ACCESS[route.id];
      if (!entry) continue;
      for (const method of ["GET", "POST"] as const) {
        const access = method === "GET" ? entry.get : entry.post;
        if (!access) continue;
        // The staff overviews are member pages that list what one manages: for a role holder, privileged too.
        const overview = route.id === "routes/beheer.prijzen._index" || route.id === "routes/beheer.boeken._index";
        const role = overview ? "organizer" : access && HOLDER[access];
        if (role !== "admin" && role !== "organizer" && role !== "editor") continue;
        const got = await answer(route, role, method, bare[role]);
        cells++;
        // A photo in moderation is simply not found for anyone who may not see it.
        const want = access === "organizerOrCandidate" ? "notfound" : "second factor";
        if (got !== want) leaks.push(`${method} ${route.id} as ${role} without second factor: ${got}, expected ${want}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(cells).toBeGreaterThan(50);
  });
});
