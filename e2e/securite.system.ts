import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppProcess } from "./support/app-process";
import { DEMO_PASSWORD, startDemoServer } from "./support/demo-server";
import { HttpClient } from "./support/http";

let app: AppProcess;

beforeAll(async () => {
  app = await startDemoServer({ TRUST_PROXY: "1" });
});
afterAll(async () => {
  await app?.stop();
});

const coordination = { email: "coordination@demo.pdn04.fr", password: DEMO_PASSWORD };

describe("en-têtes de sécurité", () => {
  it("envoie une CSP sans script en ligne, interdit l'affichage dans un cadre et cache le serveur", async () => {
    const response = await fetch(`${app.url}/`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("'unsafe-inline' 'self' 'nonce");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("permissions-policy")).toBe(
      "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("x-powered-by")).toBeNull();
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
  });

  it("sert un fichier stocké (photo, image, document) sous une politique qui interdit tout, bac à sable compris", async () => {
    for (const path of ["/medias/00000000-0000-4000-8000-000000000000", "/promeneurs/personne/photo?taille=96"]) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.headers.get("content-security-policy"), path).toBe(
        "default-src 'none'; frame-ancestors 'none'; sandbox",
      );
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      await response.arrayBuffer();
    }
    // A page whose address merely looks like a file's keeps the page policy.
    const page = await fetch(`${app.url}/promeneurs/photo`);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self' 'nonce-");
    await page.arrayBuffer();
  });

  it("derrière un proxy HTTPS, pose un cookie de session __Host- Secure et envoie HSTS", async () => {
    const https = { "x-forwarded-proto": "https" };
    const client = new HttpClient(app.url, https);
    await client.get("/connexion");
    const response = await fetch(`${app.url}/connexion`, {
      method: "POST",
      redirect: "manual",
      headers: {
        ...https,
        origin: app.url.replace("http:", "https:"),
        cookie: `pdn_csrf=${client.cookie("pdn_csrf")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ _csrf: decodeURIComponent(client.cookie("pdn_csrf") ?? ""), ...coordination }),
    });
    expect(response.status).toBe(302);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__Host-pdn_session="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(response.headers.get("strict-transport-security")).toContain("max-age=31536000");
  });
});

describe("protection contre les requêtes forgées (CSRF)", () => {
  it("refuse un POST sans jeton de formulaire et n'ouvre aucune session", async () => {
    const response = await fetch(`${app.url}/connexion`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(coordination),
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Le formulaire a expiré ou ne vient pas de ce site.");
    expect(response.headers.getSetCookie().some((c) => c.startsWith("pdn_session="))).toBe(false);
  });

  it("refuse un POST dont le jeton ne correspond pas au cookie", async () => {
    const client = new HttpClient(app.url);
    await client.get("/connexion");
    const response = await fetch(`${app.url}/connexion`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: `pdn_csrf=${client.cookie("pdn_csrf")}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: "x".repeat(43), ...coordination }),
    });
    expect(response.status).toBe(403);
  });

  it("refuse un POST venu d'un autre site, même avec un jeton valide", async () => {
    const client = new HttpClient(app.url, { origin: "https://site-malveillant.example" });
    await client.get("/connexion");
    const response = await fetch(`${app.url}/connexion`, {
      method: "POST",
      redirect: "manual",
      headers: {
        origin: "https://site-malveillant.example",
        cookie: `pdn_csrf=${client.cookie("pdn_csrf")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ _csrf: decodeURIComponent(client.cookie("pdn_csrf") ?? ""), ...coordination }),
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("Requête refusée : elle ne vient pas de ce site.");
  });
});

describe("sessions", () => {
  it("pose en HTTP simple un cookie de session HttpOnly, SameSite=Lax, sur tout le site, pour douze heures au plus", async () => {
    const client = new HttpClient(app.url);
    const response = await client.post("/connexion", coordination);
    expect(response.status).toBe(302);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("pdn_session="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    // The browser drops it with the session's maximum time (SESSION_MAX_HOURS, 12 by default);
    // the server ends it sooner after two idle hours.
    expect(cookie).toMatch(/; Max-Age=43200(;|$)/);
    expect(cookie).not.toMatch(/; Domain=/);
  });

  it("change de jeton à chaque connexion et invalide l'ancien", async () => {
    const client = new HttpClient(app.url);
    expect((await client.post("/connexion", coordination)).status).toBe(302);
    const first = client.cookie("pdn_session");
    expect(first).toBeDefined();
    const stolen = new HttpClient(app.url);
    stolen.setCookie("pdn_session", first as string);
    expect((await stolen.get("/espace/coordination")).status).toBe(200);
    // Signed in again from the same browser: new token, the old one is dead.
    await client.get("/connexion?retour=/espace/compte");
    const again = await client.post("/connexion", coordination);
    expect(again.status).toBe(302);
    expect(client.cookie("pdn_session")).not.toBe(first);
    const replay = await stolen.get("/espace/coordination");
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toBe("/connexion?retour=%2Fespace%2Fcoordination");
  });

  it("ferme la session côté serveur à la déconnexion", async () => {
    const client = new HttpClient(app.url);
    await client.post("/connexion", coordination);
    const token = client.cookie("pdn_session") as string;
    const out = await client.post("/deconnexion", {});
    expect(out.status).toBe(302);
    const replay = new HttpClient(app.url);
    replay.setCookie("pdn_session", token);
    expect((await replay.get("/espace/coordination")).status).toBe(302);
  });
});
