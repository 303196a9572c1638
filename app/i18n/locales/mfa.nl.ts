// Dutch source texts of the second factor (tweestapsverificatie, ADR 0024); mfa.en.ts mirrors it.
export const mfaNl = {
  notice: {
    disabled: "Tweestapsverificatie staat uit. Je app en je herstelcodes werken niet meer.",
  },
  step: {
    title: "Tweede stap: je code",
    intro: "Je wachtwoord klopt. Vul nu de code van 6 cijfers in uit je authenticator-app.",
    stepUpIntro: "Voor deze pagina vragen we ook je tweede stap. Vul de code van 6 cijfers in uit je authenticator-app.",
    recoveryHint:
      "Heb je je telefoon niet bij de hand? Vul dan een van je herstelcodes in (bijvoorbeeld abcd-efgh-ijkl-mnop). Elke herstelcode werkt één keer.",
    code: "Code",
    codeDescription: "6 cijfers uit je app, of een herstelcode.",
    submit: "Doorgaan",
    again: "Opnieuw inloggen",
    lost: "Ben je je app en je herstelcodes allebei kwijt? Vraag dan een beheerder van Lauwer om je tweestapsverificatie uit te zetten; daarna stel je die opnieuw in.",
  },
  enrol: {
    title: "Tweestapsverificatie",
    required:
      "Je hebt een rol op Lauwer (beheerder, organisator of redacteur). Voor die pagina's vragen we naast je wachtwoord een tweede stap: een code uit een authenticator-app op je telefoon. Stel die eerst in; stemmen en nomineren kan ook zonder.",
    optional:
      "Met tweestapsverificatie vraagt Lauwer na je wachtwoord ook een code uit een authenticator-app op je telefoon. Zo kan niemand met alleen je wachtwoord inloggen.",
    on: "Tweestapsverificatie staat aan.",
    recoveryLeft_one: "Je hebt nog {{count}} ongebruikte herstelcode.",
    recoveryLeft_other: "Je hebt nog {{count}} ongebruikte herstelcodes.",
    start: "Authenticator-app instellen",
    appsHint: "Je kunt elke authenticator-app gebruiken, bijvoorbeeld Google Authenticator, Microsoft Authenticator of FreeOTP.",
    scanHeading: "1. Voeg Lauwer toe aan je app",
    scan: "Scan deze QR-code met je app.",
    qrAlt: "QR-code om Lauwer toe te voegen aan je authenticator-app",
    manual: "Kun je niet scannen? Kies in je app voor een sleutel invoeren en typ deze sleutel over:",
    confirmHeading: "2. Vul de code uit je app in",
    confirmCode: "Code uit je app",
    confirmDescription: "6 cijfers. De code verandert elke 30 seconden.",
    confirm: "Tweestapsverificatie aanzetten",
    codesHeading: "Bewaar je herstelcodes",
    codesIntro:
      "Tweestapsverificatie staat aan. Ben je je telefoon kwijt, dan log je in met een van deze codes. Elke code werkt één keer. Bewaar ze op een veilige plek, bijvoorbeeld in je wachtwoordmanager of op papier: je ziet ze maar één keer.",
    codesList: "Je herstelcodes",
    continue: "Ik heb de codes bewaard, verder",
    regenerateHeading: "Nieuwe herstelcodes",
    regenerateIntro: "Maak nieuwe herstelcodes als je de oude kwijt bent of bijna op hebt. De oude codes werken daarna niet meer.",
    regenerate: "Nieuwe herstelcodes maken",
    disableHeading: "Tweestapsverificatie uitzetten",
    disableIntro:
      "Vul een code uit je app of een herstelcode in om tweestapsverificatie uit te zetten. Heb je een rol die het vraagt, dan stel je het daarna opnieuw in voordat je die pagina's weer opent.",
    disable: "Uitzetten",
  },
  errors: {
    codeRequired: "Vul de code in.",
    codeFormat: "Vul de 6 cijfers uit je app in, of een herstelcode van 16 tekens.",
    appCodeFormat: "Vul de 6 cijfers uit je app in.",
    wrongCode: "Deze code klopt niet. Kijk of de tijd op je telefoon goed staat en vul de code in die je app nu toont.",
    codeUsed: "Deze code is al gebruikt. Wacht tot je app een nieuwe code toont en vul die in.",
    throttled_one: "Te veel onjuiste codes. Wacht {{count}} minuut en probeer het dan opnieuw.",
    throttled_other: "Te veel onjuiste codes. Wacht {{count}} minuten en probeer het dan opnieuw.",
    stepExpired: "Deze stap is verlopen. Log opnieuw in met je e-mailadres en wachtwoord.",
    tooManyWrong: "Te vaak een onjuiste code. Log opnieuw in met je e-mailadres en wachtwoord.",
    alreadyEnrolled: "Tweestapsverificatie staat al aan.",
    notStarted: "Begin opnieuw met het instellen van je app.",
    notEnrolled: "Tweestapsverificatie staat niet aan.",
  },
};
