// Dutch source texts (oidc: single sign-on with an organisation account); oidc.en.ts mirrors it.
export const oidcNl = {
  buttons: {
    heading: "Inloggen met je organisatie",
    intro: "Werk je bij een overheidsorganisatie? Log dan in met het account van je organisatie.",
    signIn: "Verder met {{name}}",
  },
  error: {
    title: "Inloggen met je organisatie is niet gelukt",
    again: "Opnieuw inloggen",
    other: "Inloggen met e-mailadres en wachtwoord",
  },
  errors: {
    unknownProvider: "Deze manier van inloggen kennen we niet (meer). Kies een organisatie op de inlogpagina.",
    unavailable: "Het inlogsysteem van je organisatie is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.",
    denied: "Je hebt het inloggen bij je organisatie afgebroken of geen toestemming gegeven. Er is niets veranderd.",
    providerError:
      "Het inlogsysteem van je organisatie gaf een foutmelding. Probeer het opnieuw; lukt het niet, neem dan contact op met je eigen helpdesk.",
    state:
      "Dit inlogverzoek hoort niet bij deze browser, of is al gebruikt. Begin opnieuw op de inlogpagina van Lauwer, in dezelfde browser.",
    expired: "Het inloggen duurde te lang (meer dan tien minuten). Begin opnieuw.",
    issuer: "Het antwoord kwam niet van het inlogsysteem dat we verwachtten. Uit voorzorg ben je niet ingelogd.",
    audience: "Het antwoord van het inlogsysteem was niet voor Lauwer bedoeld. Uit voorzorg ben je niet ingelogd.",
    nonce: "Het antwoord van het inlogsysteem hoort niet bij dit inlogverzoek. Uit voorzorg ben je niet ingelogd.",
    tokenExpired:
      "Het antwoord van het inlogsysteem was al verlopen. Staat de klok van je organisatie of van Lauwer verkeerd? Probeer het opnieuw.",
    clock:
      "De tijd in het antwoord van het inlogsysteem klopt niet met onze klok (de klokken lopen te ver uiteen). Probeer het later opnieuw; blijft dit gebeuren, meld het dan.",
    invalidToken: "Het antwoord van het inlogsysteem kon niet worden gecontroleerd. Uit voorzorg ben je niet ingelogd.",
    emailMissing: "Je organisatie gaf geen e-mailadres door. Zonder e-mailadres kun je niet inloggen op Lauwer.",
    emailUnverified: "Je organisatie heeft je e-mailadres niet bevestigd. Log in met e-mailadres en wachtwoord, of vraag je helpdesk.",
    domain: "Met een e-mailadres van dit domein kun je niet inloggen via deze organisatie.",
    blocked: "Met dit account kun je niet inloggen. Neem contact op met de beheerders van Lauwer.",
    linkInvalid: "Deze koppellink is ongeldig, al gebruikt of verlopen. Log opnieuw in met je organisatie voor een nieuwe link.",
  },
  linkSent: {
    title: "Bevestig je e-mailadres",
    body: "Er is al een Lauwer-account met het e-mailadres dat je organisatie doorgaf. We hebben een link naar dat adres gestuurd. Open de link om je organisatie-account aan je Lauwer-account te koppelen; daarna log je voortaan in met je organisatie.",
  },
  link: {
    title: "Organisatie-account koppelen",
    intro: "Koppel je account bij {{provider}} aan je Lauwer-account ({{email}}). Daarna kun je inloggen met je organisatie.",
    submit: "Koppelen en inloggen",
  },
  notice: {
    signedIn: "Je bent ingelogd met je organisatie.",
    linked: "Je organisatie-account is gekoppeld. Je bent ingelogd.",
    unlinked: "Het organisatie-account is ontkoppeld. We hebben je een bevestiging gemaild.",
  },
  mail: {
    subject: "Koppel je organisatie-account aan Lauwer",
    body: "Iemand logde in met een account van {{provider}} met dit e-mailadres. Was jij dat? Open dan deze link om dat account aan je Lauwer-account te koppelen (de link werkt 24 uur en één keer):\n{{link}}\n\nWas jij het niet? Dan hoef je niets te doen: zonder deze link wordt er niets gekoppeld.",
  },
  eligibility: {
    providers: "Identiteitsproviders (gescheiden door komma's; alleen wie daarmee is ingelogd, stemt)",
    ineligible: "Deze stemronde is alleen voor wie is ingelogd met {{providers}}. Log uit en log opnieuw in met je organisatie.",
    organisations: "Organisaties (optioneel)",
    organisationsHint:
      "Alleen wie volgens de identiteitsprovider bij een van deze organisaties werkt; gescheiden door puntkomma's, precies zoals de provider ze noemt.",
    errors: { providers: "Noem minstens één ingestelde identiteitsprovider." },
  },
  signedOut: {
    title: "Je bent uitgelogd",
    both: "Je bent uitgelogd bij Lauwer en bij {{provider}}.",
    stayed:
      "Koos je bij {{provider}} om daar ingelogd te blijven? Dan log je met \u201cVerder met {{provider}}\u201d weer in zonder wachtwoord.",
    here: "Je bent uitgelogd bij Lauwer.",
    providerMayKnow:
      "Bij {{provider}} ben je misschien nog ingelogd. Wie na jou deze browser gebruikt, kan dan met \u201cVerder met {{provider}}\u201d op jouw naam inloggen.",
    sharedComputer:
      "Gebruik je een computer van iemand anders of een gedeelde computer? Sluit dan alle vensters van de browser, of log ook uit bij {{provider}}.",
    signOutThere: "Ook uitloggen bij {{provider}}",
    home: "Naar de startpagina",
    again: "Opnieuw inloggen",
  },
  vote: {
    onlyWith: "In deze ronde stemmen alleen mensen die zijn ingelogd met {{providers}}.",
    signIn: "Log in met {{name}} om te stemmen",
  },
  identities: {
    title: "Gekoppelde organisatie-accounts",
    intro:
      "Met een gekoppeld account van je organisatie log je in via \u201cVerder met \u2026\u201d op de inlogpagina, zonder Lauwer-wachtwoord. Hier zie je welke accounts gekoppeld zijn, met het e-mailadres dat de organisatie doorgaf en wanneer je er het laatst mee inlogde, en kun je er een ontkoppelen.",
    none: "Er is geen organisatie-account aan je Lauwer-account gekoppeld. Log je in met \u201cVerder met \u2026\u201d op de inlogpagina, dan koppel je het (na een bevestigingslink naar je e-mailadres).",
    tableCaption: "Gekoppelde accounts",
    provider: "Organisatie",
    // Short: on a phone each column's name stands beside its value (a third of the width).
    email: "E-mailadres",
    linkedAt: "Gekoppeld op",
    lastUsed: "Laatste keer",
    action: "Actie",
    unlink: "Ontkoppelen",
    unlinkLabel: "{{provider}} ontkoppelen",
    noPassword:
      "Je account heeft geen wachtwoord: je logt alleen in via je organisatie. Ontkoppel je het laatste organisatie-account, dan kun je niet meer inloggen. Stel daarom eerst een wachtwoord in.",
    setPassword: "Wachtwoord instellen (je krijgt een link per e-mail)",
    confirm: {
      heading: "{{provider}} ontkoppelen",
      what: "Daarna kun je niet meer met {{provider}} inloggen op dit Lauwer-account. Ben je op andere apparaten via {{provider}} ingelogd, dan word je daar uitgelogd. Stemrondes die alleen open zijn voor wie via {{provider}} inlogt, kun je dan niet meer gebruiken.",
      again: "Wil je later weer koppelen? Log dan in met \u201cVerder met {{provider}}\u201d; je krijgt een bevestigingslink per e-mail.",
      password: "Je wachtwoord",
      confirmEmail: "Typ je e-mailadres ({{email}}) ter bevestiging",
      submit: "Ontkoppelen",
      cancel: "Niet ontkoppelen",
    },
    errors: {
      gone: "Deze koppeling bestaat niet (meer). Bekijk de lijst hieronder opnieuw.",
      lastWay:
        "Je kunt {{provider}} niet ontkoppelen: het is je enige manier om in te loggen, want je account heeft geen wachtwoord. Stel eerst een wachtwoord in via \u201cWachtwoord instellen\u201d; daarna kun je ontkoppelen. Er is niets veranderd.",
    },
    mail: {
      subject: "{{provider}} is ontkoppeld van je Lauwer-account",
      body: "Je account bij {{provider}} is ontkoppeld van je Lauwer-account. Je kunt daar niet meer mee inloggen op Lauwer.\n\nWas jij dit niet? Bekijk dan meteen waar je bent ingelogd, en verander je wachtwoord:\n{{link}}",
    },
  },
  admin: {
    title: "Identiteitsproviders",
    intro:
      "Organisaties waarmee mensen op Lauwer inloggen (single sign-on). Ze worden ingesteld met de omgevingsvariabele OIDC_PROVIDERS van de server, omdat het clientgeheim in de omgeving hoort en niet in de database; deze pagina toont ze alleen. Registreer bij de provider het terugkeeradres en het adres na uitloggen hieronder.",
    none: "Er is geen identiteitsprovider ingesteld (OIDC_PROVIDERS is leeg).",
    discovery: "Bereikbaar (discovery)",
    discoveryState: {
      ok: "Ja, de provider antwoordt",
      unreachable: "Nee, de provider antwoordt nu niet",
      otherIssuer: "Nee, de provider noemt een andere issuer",
    },
    issuer: "Issuer",
    slug: "Korte naam (in adressen en stemrondes)",
    clientId: "Client-id",
    secret: "Clientgeheim ingesteld",
    domains: "Toegestane e-maildomeinen",
    anyDomain: "Alle domeinen",
    organisationClaim: "Claim met de organisatie",
    noClaim: "Geen",
    trustEmail: "E-mailadressen vertrouwd zonder email_verified",
    clock: "Toegestaan klokverschil",
    seconds_one: "{{count}} seconde",
    seconds_other: "{{count}} seconden",
    endSession: "Uitloggen bij de provider (end_session_endpoint)",
    unknown: "Onbekend",
    callback: "Terugkeeradres (redirect_uri)",
    signedOut: "Adres na uitloggen (post_logout_redirect_uri)",
    yes: "Ja",
    no: "Nee",
  },
};
