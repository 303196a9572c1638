import type { mfaNl } from "./mfa.nl";
import type { Shape } from "./nl";

export const mfaEn: Shape<typeof mfaNl> = {
  notice: {
    disabled: "Two-step verification is off. Your app and your recovery codes no longer work.",
  },
  step: {
    title: "Second step: your code",
    intro: "Your password is right. Now enter the 6-digit code from your authenticator app.",
    stepUpIntro: "This page also needs your second step. Enter the 6-digit code from your authenticator app.",
    recoveryHint:
      "Don't have your phone at hand? Enter one of your recovery codes instead (for example abcd-efgh-ijkl-mnop). Each recovery code works once.",
    code: "Code",
    codeDescription: "6 digits from your app, or a recovery code.",
    submit: "Continue",
    again: "Sign in again",
    lost: "Lost both your app and your recovery codes? Ask a Lauwer administrator to turn off your two-step verification; then set it up again.",
  },
  enrol: {
    title: "Two-step verification",
    required:
      "You have a role on Lauwer (administrator, organizer or editor). Its pages ask for a second step besides your password: a code from an authenticator app on your phone. Set it up first; voting and nominating work without it.",
    optional:
      "With two-step verification Lauwer also asks for a code from an authenticator app on your phone after your password, so nobody can sign in with your password alone.",
    on: "Two-step verification is on.",
    recoveryLeft_one: "You have {{count}} unused recovery code left.",
    recoveryLeft_other: "You have {{count}} unused recovery codes left.",
    start: "Set up an authenticator app",
    appsHint: "Any authenticator app works, for example Google Authenticator, Microsoft Authenticator or FreeOTP.",
    scanHeading: "1. Add Lauwer to your app",
    scan: "Scan this QR code with your app.",
    qrAlt: "QR code to add Lauwer to your authenticator app",
    manual: "Can't scan? Choose to enter a key in your app and type this key:",
    confirmHeading: "2. Enter the code from your app",
    confirmCode: "Code from your app",
    confirmDescription: "6 digits. The code changes every 30 seconds.",
    confirm: "Turn on two-step verification",
    codesHeading: "Keep your recovery codes",
    codesIntro:
      "Two-step verification is on. If you lose your phone, sign in with one of these codes. Each code works once. Keep them somewhere safe, for example in your password manager or on paper: you see them only once.",
    codesList: "Your recovery codes",
    continue: "I have kept the codes, continue",
    regenerateHeading: "New recovery codes",
    regenerateIntro: "Make new recovery codes when you lost the old ones or have almost used them up. The old codes stop working.",
    regenerate: "Make new recovery codes",
    disableHeading: "Turn off two-step verification",
    disableIntro:
      "Enter a code from your app or a recovery code to turn off two-step verification. If your role needs it, you set it up again before opening those pages.",
    disable: "Turn off",
  },
  errors: {
    codeRequired: "Enter the code.",
    codeFormat: "Enter the 6 digits from your app, or a recovery code of 16 characters.",
    appCodeFormat: "Enter the 6 digits from your app.",
    wrongCode: "This code is not right. Check that your phone's clock is right and enter the code your app shows now.",
    codeUsed: "This code has been used already. Wait until your app shows a new code and enter that one.",
    throttled_one: "Too many wrong codes. Wait {{count}} minute and try again.",
    throttled_other: "Too many wrong codes. Wait {{count}} minutes and try again.",
    stepExpired: "This step has expired. Sign in again with your e-mail address and password.",
    tooManyWrong: "Too many wrong codes. Sign in again with your e-mail address and password.",
    alreadyEnrolled: "Two-step verification is already on.",
    notStarted: "Start setting up your app again.",
    notEnrolled: "Two-step verification is not on.",
  },
};
