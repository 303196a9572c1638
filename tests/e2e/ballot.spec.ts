import type { Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, test } from "./fixtures";

// The ballot must show the choice: a checked option looks different from an unchecked one (the mark and
// the card), also in forced-colours mode and without JavaScript, and after voting the current choice is
// shown as chosen. The demo's round 2 of "Jonge Ambtenaar van het Jaar" is an open single-choice vote;
// lid42–lid60 have not voted in it, and lid47–lid50 are used by no other spec.
const YEAR = new Date().getFullYear();
const BALLOT = `/prijzen/jonge-ambtenaar/${YEAR}/ronde/2/algemeen`;
const RECEIPT = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, voter: "lid47@lauwer.test", noJs: "lid49@lauwer.test" },
  { name: "phone", viewport: { width: 390, height: 844 }, voter: "lid48@lauwer.test", noJs: "lid50@lauwer.test" },
];

/** WCAG 2.1 A/AA and WCAG 2.2 AA, which holds the target-size rule (the shared fixture). */
const accessible = expectAccessible;

/** What a sighted voter sees of an option: the card's frame and fill, the mark's, and the "Gekozen" badge. */
async function look(option: Locator) {
  return option.evaluate((card) => {
    const c = getComputedStyle(card);
    const mark = card.querySelector<HTMLInputElement>("input")!;
    const m = getComputedStyle(mark);
    const badge = card.querySelector(".lauwer-ballot__chosen");
    return {
      card: `${c.backgroundColor} | ${c.borderTopColor} ${c.borderTopStyle} ${c.borderTopWidth} | ${c.boxShadow}`,
      mark: `${m.backgroundColor} | ${m.borderTopColor} | ${m.backgroundImage} | ${m.boxShadow}`,
      badge: badge ? getComputedStyle(badge).display !== "none" : false,
    };
  });
}

function options(page: Page) {
  return page.getByRole("group", { name: "Je keuze" }).locator(".lauwer-ballot__option");
}

for (const size of SIZES) {
  test.describe(`ballot (${size.name})`, () => {
    test.use({ viewport: size.viewport });

    test("the chosen option looks chosen, before and after voting", async ({ page }) => {
      await logIn(page, size.voter, DEMO_PASSWORD);
      await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
      await page.goto(BALLOT);
      const group = page.getByRole("group", { name: "Je keuze" });
      await expect(group.getByRole("radio", { checked: true })).toHaveCount(0);
      await accessible(page);

      const cards = options(page);
      await expect(cards).toHaveCount(3);
      // Unchecked options all look alike.
      expect(await look(cards.nth(0))).toEqual(await look(cards.nth(1)));
      expect((await look(cards.nth(0))).badge).toBe(false);

      // Every mark is a target of at least 24 × 24 px, and the whole card is the label.
      for (const radio of await group.getByRole("radio").all()) {
        const box = (await radio.boundingBox())!;
        expect(box.width).toBeGreaterThanOrEqual(24);
        expect(box.height).toBeGreaterThanOrEqual(24);
      }
      const name = (await cards.nth(1).locator(".lauwer-ballot__name").textContent())!.trim();
      await cards.nth(1).locator(".lauwer-ballot__org").click();
      await expect(group.getByRole("radio", { name })).toBeChecked();
      await page.mouse.move(0, 0);

      const unchecked = await look(cards.nth(0));
      const checked = await look(cards.nth(1));
      expect(checked.card).not.toBe(unchecked.card);
      expect(checked.mark).not.toBe(unchecked.mark);
      expect(checked.badge).toBe(true);
      expect(unchecked.badge).toBe(false);
      await expect(cards.nth(1).locator(".lauwer-ballot__chosen")).toHaveText("Gekozen");
      await accessible(page);

      // Keyboard: the focused option has a visible ring around its card.
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      await expect(group.getByRole("radio", { name })).toBeFocused();
      const ring = await cards.nth(1).evaluate((card) => {
        const s = getComputedStyle(card);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      expect(ring.style).not.toBe("none");
      expect(ring.width).toBeGreaterThanOrEqual(2);

      // Windows high contrast: the frame of the checked card still differs, and "Gekozen" still shows.
      await page.emulateMedia({ forcedColors: "active" });
      const forcedUnchecked = await look(cards.nth(0));
      const forcedChecked = await look(cards.nth(1));
      expect(forcedChecked.card).not.toBe(forcedUnchecked.card);
      expect(forcedChecked.badge).toBe(true);
      expect(forcedUnchecked.badge).toBe(false);
      await page.emulateMedia({ forcedColors: "none" });

      // Vote: the receipt panel says what was chosen, with the code on one line inside the screen.
      await page.getByRole("button", { name: "Verder naar controle" }).click();
      await expect(page.getByRole("heading", { name: "Controleer je stem" })).toBeFocused();
      await accessible(page);
      await page.getByRole("button", { name: "Stem uitbrengen" }).click();
      const done = page.getByRole("status").filter({ hasText: "Je hebt gestemd" });
      await expect(done).toContainText(`Je keuze: ${name}`);
      const code = done.locator(".lauwer-receipt");
      await expect(code).toHaveText(RECEIPT);
      const codeBox = (await code.boundingBox())!;
      const lineHeight = await code.evaluate((el) => parseFloat(getComputedStyle(el).fontSize) * 1.6);
      expect(codeBox.height, "the receipt code stays on one line").toBeLessThan(lineHeight + 20);
      expect(codeBox.x + codeBox.width).toBeLessThanOrEqual(size.viewport.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.viewport.width);
      await accessible(page);

      // "Stem wijzigen" leads to the ballot, where the current choice is ticked and labelled as such.
      await done.getByRole("link", { name: "Stem wijzigen" }).click();
      await expect(page).toHaveURL(/#stem-wijzigen$/);
      await expect(page.getByRole("group", { name: "Je keuze wijzigen" })).toBeInViewport();
      await expect(group.getByRole("radio", { name })).toBeChecked();
      await expect(group.getByRole("radio", { name })).toHaveAccessibleName(new RegExp(`${name}.*Je huidige keuze`));
      await expect(cards.filter({ hasText: "Je huidige keuze" })).toHaveCount(1);
      await expect(cards.nth(1)).toContainText("Je huidige keuze");
      await page.mouse.move(0, 0);
      expect(await look(cards.nth(1))).toEqual(checked);
      await accessible(page);

      // Back later: the same, on a fresh load of the page.
      await page.goto(BALLOT);
      await expect(group.getByRole("radio", { name })).toBeChecked();
      await expect(cards.nth(1)).toContainText("Je huidige keuze");
      expect((await look(cards.nth(1))).badge).toBe(true);
      await accessible(page);
    });

    test("without JavaScript the chosen option is highlighted too", async ({ browser, baseURL }) => {
      const context = await browser.newContext({ baseURL, viewport: size.viewport, javaScriptEnabled: false });
      const page = await context.newPage();
      await logIn(page, size.noJs, DEMO_PASSWORD);
      await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
      await page.goto(BALLOT);
      const cards = options(page);
      const before = await look(cards.nth(2));
      await cards.nth(2).locator(".lauwer-ballot__name").click();
      await page.mouse.move(0, 0);
      const after = await look(cards.nth(2));
      expect(after.card).not.toBe(before.card);
      expect(after.mark).not.toBe(before.mark);
      expect(after.badge).toBe(true);
      expect(await look(cards.nth(0))).toEqual(before);
      // (axe runs inside the page, so it cannot here; the same page passes it in the test above.)
      await context.close();
    });
  });
}
