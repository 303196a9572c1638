// Dutch source texts (accounts: sign-up, login throttling, password, unlock, the self-service account pages and
// their mails); account.en.ts mirrors it. Page texts: registered by app/i18n/page-texts/account.ts.
export const accountNl = {
  signup: {
    checkMail:
      "Kijk in je mailbox: we hebben een e-mail gestuurd naar het adres dat je opgaf. Bevestig daarmee je adres en log hieronder in met het wachtwoord dat je koos.",
  },
  login: {
    throttledSeconds_one:
      "Te veel mislukte pogingen. Wacht {{count}} seconde en probeer het dan opnieuw, of stel je wachtwoord opnieuw in.",
    throttledSeconds_other:
      "Te veel mislukte pogingen. Wacht {{count}} seconden en probeer het dan opnieuw, of stel je wachtwoord opnieuw in.",
    throttledMinutes_one:
      "Te veel mislukte pogingen. Wacht {{count}} minuut en probeer het dan opnieuw, of stel je wachtwoord opnieuw in. Wordt een account vanaf veel plaatsen geprobeerd, dan krijgt de eigenaar een e-mail met een link om het te ontgrendelen.",
    throttledMinutes_other:
      "Te veel mislukte pogingen. Wacht {{count}} minuten en probeer het dan opnieuw, of stel je wachtwoord opnieuw in. Wordt een account vanaf veel plaatsen geprobeerd, dan krijgt de eigenaar een e-mail met een link om het te ontgrendelen.",
  },
  password: {
    heading: "Wachtwoord wijzigen",
    intro: "Kies een nieuw wachtwoord. Daarna ben je op je andere apparaten uitgelogd en krijg je een bevestiging per e-mail.",
    current: "Huidig wachtwoord",
    confirm: "Herhaal het nieuwe wachtwoord",
    submit: "Wachtwoord wijzigen",
    changed: "Je wachtwoord is gewijzigd. Op je andere apparaten ben je uitgelogd.",
  },
  errors: {
    passwordBlank: "Een wachtwoord van alleen spaties kan niet. Kies een wachtwoord met letters, cijfers of tekens.",
    passwordMismatch: "De twee nieuwe wachtwoorden zijn niet gelijk. Typ het nieuwe wachtwoord twee keer hetzelfde.",
    wrongCurrentPassword: "Dit is niet je huidige wachtwoord. Probeer het opnieuw.",
  },
  unlock: {
    title: "Account ontgrendelen",
    intro:
      "Er is vanaf veel plaatsen geprobeerd met verkeerde wachtwoorden in te loggen op je account. Klik op de knop om op dit apparaat weer te kunnen inloggen.",
    submit: "Account ontgrendelen",
    done: "Je account is ontgrendeld. Log in met je wachtwoord.",
    invalid: "Deze link is ongeldig, verlopen of al gebruikt. Je krijgt een nieuwe als je account weer vaak wordt geprobeerd.",
  },
  mail: {
    greeting: "Hallo,",
    signupExisting: {
      subject: "Iemand probeerde een Lauwer-account te maken met je e-mailadres",
      body: "Iemand probeerde zojuist een account aan te maken bij Lauwer met dit e-mailadres. Je hebt hier al een account, dus er is niets veranderd.\n\nWas jij dat? Log dan in met je wachtwoord. Weet je het niet meer, stel dan een nieuw wachtwoord in via {{link}}.\n\nWas jij het niet? Dan kun je deze mail negeren.",
    },
    resetNoAccount: {
      subject: "Wachtwoord herstellen bij Lauwer",
      body: "Iemand vroeg een nieuw wachtwoord aan voor dit e-mailadres bij Lauwer, maar er hoort geen account bij dit adres.\n\nWil je een account? Maak het aan via {{link}}.\n\nHeb je hier niet om gevraagd? Dan kun je deze mail negeren.",
    },
    unlock: {
      subject: "Er werd vaak geprobeerd in te loggen op je Lauwer-account",
      body: "Er is vanaf veel plaatsen geprobeerd met verkeerde wachtwoorden in te loggen op je Lauwer-account. Daarom kan er voorlopig alleen worden ingelogd vanaf plaatsen waar je eerder inlogde.\n\nWil je ergens anders inloggen? Open deze link op dat apparaat en klik op de knop:\n\n{{link}}\n\nDe link is 24 uur geldig en werkt één keer. Twijfel je of je wachtwoord veilig is? Stel dan een nieuw wachtwoord in via Wachtwoord vergeten.",
    },
  },
};
