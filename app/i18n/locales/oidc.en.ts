import type { oidcNl } from "./oidc.nl";

// English texts of single sign-on (mirrors oidc.nl.ts).
export const oidcEn: typeof oidcNl = {
  buttons: {
    heading: "Sign in with your organisation",
    intro: "Do you work at a government organisation? Then sign in with your organisation's account.",
    signIn: "Continue with {{name}}",
  },
  error: {
    title: "Signing in with your organisation did not work",
    again: "Sign in again",
    other: "Sign in with e-mail address and password",
  },
  errors: {
    unknownProvider: "We do not know this way of signing in (any more). Choose an organisation on the sign-in page.",
    unavailable: "Your organisation's sign-in system cannot be reached now. Try again in a few minutes.",
    denied: "You stopped signing in at your organisation or did not give permission. Nothing was changed.",
    providerError: "Your organisation's sign-in system reported an error. Try again; if it keeps failing, contact your own help desk.",
    state:
      "This sign-in request does not belong to this browser, or was used already. Start again on Lauwer's sign-in page, in the same browser.",
    expired: "Signing in took too long (more than ten minutes). Start again.",
    issuer: "The answer did not come from the sign-in system we expected. To be safe, you are not signed in.",
    audience: "The sign-in system's answer was not meant for Lauwer. To be safe, you are not signed in.",
    nonce: "The sign-in system's answer does not belong to this sign-in request. To be safe, you are not signed in.",
    tokenExpired: "The sign-in system's answer had already expired. Is your organisation's or Lauwer's clock wrong? Try again.",
    clock:
      "The time in the sign-in system's answer does not match our clock (the clocks are too far apart). Try again later; if this keeps happening, report it.",
    invalidToken: "The sign-in system's answer could not be verified. To be safe, you are not signed in.",
    emailMissing: "Your organisation did not pass on an e-mail address. Without one you cannot sign in to Lauwer.",
    emailUnverified:
      "Your organisation has not confirmed your e-mail address. Sign in with e-mail address and password, or ask your help desk.",
    domain: "An e-mail address of this domain cannot sign in through this organisation.",
    blocked: "This account cannot sign in. Contact Lauwer's administrators.",
    linkInvalid: "This link is invalid, used or expired. Sign in with your organisation again for a new link.",
  },
  linkSent: {
    title: "Confirm your e-mail address",
    body: "A Lauwer account with the e-mail address your organisation passed on already exists. We sent a link to that address. Open it to link your organisation account to your Lauwer account; from then on you sign in with your organisation.",
  },
  link: {
    title: "Link your organisation account",
    intro: "Link your {{provider}} account to your Lauwer account ({{email}}). Then you can sign in with your organisation.",
    submit: "Link and sign in",
  },
  notice: {
    signedIn: "You are signed in with your organisation.",
    linked: "Your organisation account is linked. You are signed in.",
    unlinked: "The organisation account is unlinked. We mailed you a confirmation.",
  },
  mail: {
    subject: "Link your organisation account to Lauwer",
    body: "Someone signed in with a {{provider}} account with this e-mail address. Was that you? Then open this link to link that account to your Lauwer account (the link works for 24 hours, once):\n{{link}}\n\nWas it not you? Then you need not do anything: without this link nothing is linked.",
  },
  eligibility: {
    providers: "Identity providers (comma-separated; only people signed in through one of them vote)",
    ineligible: "This vote round is only for people signed in with {{providers}}. Sign out and sign in again with your organisation.",
    organisations: "Organisations (optional)",
    organisationsHint:
      "Only people the identity provider names as working at one of these organisations; separated by semicolons, exactly as the provider names them.",
    errors: { providers: "Name at least one configured identity provider." },
  },
  signedOut: {
    title: "You are signed out",
    both: "You are signed out of Lauwer and of {{provider}}.",
    stayed:
      "Did you choose to stay signed in at {{provider}}? Then \u201cContinue with {{provider}}\u201d signs you in again without a password.",
    here: "You are signed out of Lauwer.",
    providerMayKnow:
      "You may still be signed in at {{provider}}. Whoever uses this browser after you could then sign in as you with \u201cContinue with {{provider}}\u201d.",
    sharedComputer:
      "Using someone else's computer or a shared one? Then close all windows of the browser, or sign out of {{provider}} too.",
    signOutThere: "Sign out of {{provider}} too",
    home: "To the home page",
    again: "Sign in again",
  },
  vote: {
    onlyWith: "Only people signed in with {{providers}} vote in this round.",
    signIn: "Sign in with {{name}} to vote",
  },
  identities: {
    title: "Linked organisation accounts",
    intro:
      "With a linked account of your organisation you sign in through \u201cContinue with \u2026\u201d on the sign-in page, without a Lauwer password. Here you see which accounts are linked, with the e-mail address the organisation gave and when you last signed in with it, and can unlink one.",
    none: "No organisation account is linked to your Lauwer account. Sign in with \u201cContinue with \u2026\u201d on the sign-in page to link one (after a confirmation link to your e-mail address).",
    tableCaption: "Linked accounts",
    provider: "Organisation",
    email: "E-mail address",
    linkedAt: "Linked on",
    lastUsed: "Last used",
    action: "Action",
    unlink: "Unlink",
    unlinkLabel: "Unlink {{provider}}",
    noPassword:
      "Your account has no password: you only sign in through your organisation. Unlinking the last organisation account would leave you no way to sign in, so set a password first.",
    setPassword: "Set a password (we e-mail you a link)",
    confirm: {
      heading: "Unlink {{provider}}",
      what: "You can then no longer sign in to this Lauwer account with {{provider}}. Where you are signed in through {{provider}} on other devices, you are signed out. Vote rounds open only to people signed in through {{provider}} are then closed to you.",
      again: "Want to link it again later? Sign in with \u201cContinue with {{provider}}\u201d; you get a confirmation link by e-mail.",
      password: "Your password",
      confirmEmail: "Type your e-mail address ({{email}}) to confirm",
      submit: "Unlink",
      cancel: "Do not unlink",
    },
    errors: {
      gone: "This link does not exist (any more). Look at the list below again.",
      lastWay:
        "You cannot unlink {{provider}}: it is your only way to sign in, since your account has no password. Set a password first through \u201cSet a password\u201d; then you can unlink. Nothing was changed.",
    },
    mail: {
      subject: "{{provider}} was unlinked from your Lauwer account",
      body: "Your {{provider}} account was unlinked from your Lauwer account. You can no longer sign in to Lauwer with it.\n\nWas this not you? Then look at once where you are signed in, and change your password:\n{{link}}",
    },
  },
  admin: {
    title: "Identity providers",
    intro:
      "Organisations people sign in to Lauwer with (single sign-on). They are configured by the server's OIDC_PROVIDERS environment variable, because the client secret belongs in the environment and not in the database; this page only shows them. Register the return address and the address after signing out below at the provider.",
    none: "No identity provider is configured (OIDC_PROVIDERS is empty).",
    discovery: "Reachable (discovery)",
    discoveryState: {
      ok: "Yes, the provider answers",
      unreachable: "No, the provider does not answer now",
      otherIssuer: "No, the provider names another issuer",
    },
    issuer: "Issuer",
    slug: "Short name (in addresses and vote rounds)",
    clientId: "Client id",
    secret: "Client secret set",
    domains: "Allowed e-mail domains",
    anyDomain: "All domains",
    organisationClaim: "Claim naming the organisation",
    noClaim: "None",
    trustEmail: "E-mail addresses trusted without email_verified",
    clock: "Allowed clock difference",
    seconds_one: "{{count}} second",
    seconds_other: "{{count}} seconds",
    endSession: "Signing out at the provider (end_session_endpoint)",
    unknown: "Unknown",
    callback: "Return address (redirect_uri)",
    signedOut: "Address after signing out (post_logout_redirect_uri)",
    yes: "Yes",
    no: "No",
  },
};
