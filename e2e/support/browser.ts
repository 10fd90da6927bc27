import fs from "node:fs";
import { createRequire } from "node:module";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumPath(): string | null {
  return inject("chromium");
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("Chromium introuvable (apt-get install chromium)");
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** A small phone (360 × 740, touch), as a promeneur between two activities holds it. */
export const TELEPHONE = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

export async function newContext(
  browser: Browser,
  baseURL: string,
  options: { javaScript?: boolean; telephone?: boolean } = {},
) {
  const context = await browser.newContext({
    ...(options.telephone ? TELEPHONE : {}),
    baseURL,
    javaScriptEnabled: options.javaScript ?? true,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
  });
  // A missing element fails the step that looks for it, with its name, well before the test's timeout.
  context.setDefaultTimeout(15_000);
  return context;
}

/** Signs in through the real form. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/connexion", { timeout: 15_000 }),
    page.getByRole("button", { name: "Se connecter" }).click(),
  ]);
}

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
let axeSource: string | undefined;
const contextsWithAxe = new WeakSet<BrowserContext>();

type AxeResult = { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };

/**
 * axe-core's WCAG 2.1 A/AA violations on the page, as readable lines. axe is loaded once per
 * context as an init script (a page then parses it as it loads) rather than injected anew on every
 * analysis as AxeBuilder does: three times faster over a list of pages, same rules and results.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // The axe-core that @axe-core/playwright depends on (same version as before).
  const fromPlaywrightAxe = createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright"));
  axeSource ??= fs.readFileSync(fromPlaywrightAxe.resolve("axe-core/axe.min.js"), "utf8");
  const context = page.context();
  if (!contextsWithAxe.has(context)) {
    contextsWithAxe.add(context);
    await context.addInitScript(axeSource);
  }
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResult> } }).axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      }),
    AXE_TAGS,
  );
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

export type { Browser, BrowserContext, Page };
