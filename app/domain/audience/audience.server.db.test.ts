import { EventEmitter } from "node:events";
import { vuesPages } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { jourIso } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { findAudience } from "./audience.queries.server";
import { audienceMiddleware, compterVue, compterVueRepondue } from "./audience.server";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

async function vues(jour: string, chemin: string, departement = "04") {
  const rows = await getDb()
    .select({ vues: vuesPages.vues })
    .from(vuesPages)
    .where(and(eq(vuesPages.jour, jour), eq(vuesPages.chemin, chemin), eq(vuesPages.departement, departement)));
  return rows[0]?.vues ?? 0;
}

describe("compterVue", () => {
  it("ajoute une vue par appel, par jour et par chemin", async () => {
    const db = getDb();
    const now = new Date("2024-03-05T10:00:00Z");
    expect(await compterVue(db, { chemin: "/agenda", departement: "04", now })).toBe(true);
    await compterVue(db, { chemin: "/agenda/", departement: "04", now });
    await compterVue(db, { chemin: "/carte", departement: "04", now });
    await compterVue(db, { chemin: "/agenda", departement: "04", now: new Date("2024-03-06T10:00:00Z") });
    await compterVue(db, { chemin: "/agenda", departement: "05", now });
    expect(await vues("2024-03-05", "/agenda")).toBe(2);
    expect(await vues("2024-03-05", "/carte")).toBe(1);
    expect(await vues("2024-03-06", "/agenda")).toBe(1);
    expect(await vues("2024-03-05", "/agenda", "05")).toBe(1);
  });

  it("compte une visite à 23 h 30 UTC un jour d'été sur le lendemain, heure de Paris", async () => {
    await compterVue(getDb(), { chemin: "/charte", departement: "04", now: new Date("2024-07-14T23:30:00Z") });
    expect(await vues("2024-07-15", "/charte")).toBe(1);
    expect(await vues("2024-07-14", "/charte")).toBe(0);
  });

  it("ne compte rien pour un chemin qui n'est pas une page publique", async () => {
    const db = getDb();
    const now = new Date("2024-03-07T10:00:00Z");
    expect(await compterVue(db, { chemin: "/reinitialiser/jeton-secret", departement: "04", now })).toBe(false);
    expect(await compterVue(db, { chemin: "/n-existe-pas", departement: "04", now })).toBe(false);
    const rows = await db.select().from(vuesPages).where(eq(vuesPages.jour, "2024-03-07"));
    expect(rows).toEqual([]);
  });
});

describe("findAudience", () => {
  it("totalise une période, jour par jour et par page, pour un seul département", async () => {
    const db = getDb();
    await db.insert(vuesPages).values([
      { jour: "2019-05-01", departement: "04", chemin: "/", vues: 10 },
      { jour: "2019-05-01", departement: "04", chemin: "/carte", vues: 3 },
      { jour: "2019-05-03", departement: "04", chemin: "/carte", vues: 9 },
      { jour: "2019-05-03", departement: "04", chemin: "/agenda", vues: 1 },
      // Outside the period, or another département.
      { jour: "2019-04-30", departement: "04", chemin: "/", vues: 100 },
      { jour: "2019-05-04", departement: "04", chemin: "/", vues: 100 },
      { jour: "2019-05-02", departement: "05", chemin: "/", vues: 100 },
    ]);
    const audience = await findAudience(db, { departement: "04", du: "2019-05-01", au: "2019-05-03" });
    expect(audience.total).toBe(23);
    expect(audience.parJour).toEqual([
      { jour: "2019-05-01", vues: 13 },
      { jour: "2019-05-02", vues: 0 },
      { jour: "2019-05-03", vues: 10 },
    ]);
    expect(audience.pages).toEqual([
      { chemin: "/carte", vues: 12 },
      { chemin: "/", vues: 10 },
      { chemin: "/agenda", vues: 1 },
    ]);
  });
});

/** A GET of `url` answered with `status` and a content type, as Express hands it to the middleware. */
function repondue(
  url: string,
  status: number,
  extra: { contentType?: string | null; headers?: Record<string, string> } = {},
) {
  return {
    method: "GET",
    url,
    headers: new Headers({ "User-Agent": FIREFOX, ...extra.headers }),
    status,
    contentType: extra.contentType === undefined ? "text/html; charset=utf-8" : extra.contentType,
  };
}

describe("compterVueRepondue", () => {
  const now = new Date("2024-04-02T10:00:00Z");
  const options = { departement: "04", now };

  it("compte une page publique ou un profil qui a répondu 200 en HTML, pas un profil introuvable (404)", async () => {
    const db = getDb();
    expect(await compterVueRepondue(db, repondue("/promeneurs/lea-publique?ref=1", 200), options)).toBe(true);
    expect(await compterVueRepondue(db, repondue("/promeneurs/personne-inconnue", 404), options)).toBe(false);
    expect(await compterVueRepondue(db, repondue("/agenda", 200), options)).toBe(true);
    const rows = await db.select().from(vuesPages).where(eq(vuesPages.jour, "2024-04-02"));
    expect(rows.map((r) => [r.chemin, r.vues]).sort()).toEqual([
      ["/agenda", 1],
      ["/promeneurs/lea-publique", 1],
    ]);
  });

  it("ne compte ni une erreur, ni une redirection, ni une réponse qui n'est pas du HTML, ni un robot", async () => {
    const db = getDb();
    const at = { departement: "04", now: new Date("2024-04-03T10:00:00Z") };
    expect(await compterVueRepondue(db, repondue("/carte", 500), at)).toBe(false);
    expect(await compterVueRepondue(db, repondue("/carte", 302), at)).toBe(false);
    expect(await compterVueRepondue(db, repondue("/carte", 304), at)).toBe(false);
    expect(await compterVueRepondue(db, repondue("/carte", 200, { contentType: "text/x-script" }), at)).toBe(false);
    expect(await compterVueRepondue(db, repondue("/carte", 200, { contentType: null }), at)).toBe(false);
    expect(
      await compterVueRepondue(db, repondue("/carte", 200, { headers: { "User-Agent": "Googlebot/2.1" } }), at),
    ).toBe(false);
    expect(await compterVueRepondue(db, repondue("/carte", 200, { headers: { DNT: "1" } }), at)).toBe(false);
    expect(await db.select().from(vuesPages).where(eq(vuesPages.jour, "2024-04-03"))).toEqual([]);
  });

  it("ne fait jamais échouer la page quand le comptage échoue", async () => {
    const broken = {
      insert: () => {
        throw new Error("base indisponible");
      },
    } as never;
    await expect(compterVueRepondue(broken, repondue("/carte", 200), options)).resolves.toBe(false);
  });
});

/** Express's request and response, as far as the middleware reads them. */
function echange(path: string, headers: Record<string, string> = { "User-Agent": FIREFOX }) {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const req = { method: "GET", originalUrl: path, get: (name: string) => lower[name.toLowerCase()] };
  const res = Object.assign(new EventEmitter(), {
    statusCode: 200,
    contentType: "text/html; charset=utf-8" as string | undefined,
    getHeader(name: string) {
      return name.toLowerCase() === "content-type" ? this.contentType : undefined;
    },
  });
  return { req, res };
}

describe("audienceMiddleware", () => {
  const middleware = audienceMiddleware({ db: getDb, departement: "04" });
  const vuesDuJour = async (chemin: string) => {
    const [row] = await getDb()
      .select({ vues: vuesPages.vues })
      .from(vuesPages)
      .where(and(eq(vuesPages.jour, jourIso(new Date())), eq(vuesPages.chemin, chemin)));
    return row?.vues ?? 0;
  };

  it("laisse passer la requête tout de suite et compte la page une fois la réponse 200 envoyée", async () => {
    const before = await vuesDuJour("/ressources");
    const { req, res } = echange("/ressources?theme=ecrans");
    const next = vi.fn();
    middleware(req, res, next);
    expect(next).toHaveBeenCalledOnce();
    expect(await vuesDuJour("/ressources")).toBe(before);
    res.emit("finish");
    await vi.waitFor(async () => expect(await vuesDuJour("/ressources")).toBe(before + 1));
  });

  it("ne compte pas le profil d'un promeneur qui n'est pas public (la page a répondu 404)", async () => {
    const { req, res } = echange("/promeneurs/profil-introuvable-essai");
    res.statusCode = 404;
    middleware(req, res, () => {});
    res.emit("finish");
    // A counted 200 afterwards shows the 404 had its turn and left nothing.
    const ok = echange("/promeneurs/profil-public-essai");
    middleware(ok.req, ok.res, () => {});
    ok.res.emit("finish");
    await vi.waitFor(async () => expect(await vuesDuJour("/promeneurs/profil-public-essai")).toBe(1));
    expect(await vuesDuJour("/promeneurs/profil-introuvable-essai")).toBe(0);
  });

  it("n'écoute ni les chemins qui ne sont pas des pages publiques, ni les requêtes autres que GET", () => {
    for (const [method, path] of [
      ["GET", "/assets/app.css"],
      ["GET", "/espace/coordination"],
      ["POST", "/contact"],
      ["HEAD", "/carte"],
    ] as const) {
      const { req, res } = echange(path);
      middleware({ ...req, method }, res, () => {});
      expect(res.listenerCount("finish"), `${method} ${path}`).toBe(0);
    }
  });
});
