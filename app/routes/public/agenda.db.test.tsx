import { communes } from "@db/schema";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { EvenementPublic } from "~/domain/regroupements/agenda.queries.server";
import { getDb } from "~/server/db.server";
import { insertRegroupement, type RegroupementRow } from "../../../tests/factories/regroupement";
import { page, render } from "../../../tests/support/render";
import { getRequest, outcome } from "../../../tests/support/route";
import * as unEvenement from "../ressources/agenda.$fichier";
import * as flux from "../ressources/agenda.ics";
import AgendaPage, * as agenda from "./agenda";

const db = () => getDb();
const HEURE = 3_600_000;
const JOUR = 24 * HEURE;
const dans = (jours: number) => new Date(Date.now() + jours * JOUR);
const args = (path: string, params: Record<string, string> = {}) =>
  ({ request: getRequest(path), params, context: {} }) as never;

function uidsDe(ics: string): Map<string, string> {
  const calendrier = new ICAL.Component(ICAL.parse(ics));
  return new Map(
    calendrier
      .getAllSubcomponents("vevent")
      .map((v) => [String(v.getFirstPropertyValue("uid")), String(v.getFirstPropertyValue("status"))]),
  );
}
function uid(r: RegroupementRow | undefined): string {
  if (!r) throw new Error("regroupement inconnu");
  return `${r.id}@promeneurs-du-net`;
}

describe("agenda public", () => {
  const g: Record<string, RegroupementRow> = {};
  let communeNom = "";

  beforeAll(async () => {
    const [commune] = await db().select().from(communes).where(eq(communes.departement, "04")).limit(1);
    communeNom = commune?.nom ?? "";
    g.aVenir = await insertRegroupement(db(), {
      titre: "Soirée d'information pour les parents",
      type: "information_structures",
      audience: "public",
      debut: dans(10),
      lieu: "Médiathèque",
      communeCode: commune?.code ?? null,
      description: "Présentation du dispositif ; échanges, questions.",
    });
    g.enLigne = await insertRegroupement(db(), {
      titre: "Webinaire ouvert",
      audience: "public",
      debut: dans(12),
      lieu: "",
      lienVisio: "https://visio.exemple/secret-lien",
    });
    g.annule = await insertRegroupement(db(), {
      titre: "Atelier annulé",
      audience: "public",
      debut: dans(15),
      statut: "annule",
      motifAnnulation: "Raison interne",
    });
    g.prive = await insertRegroupement(db(), { titre: "Analyse de pratique privée", debut: dans(11) });
    g.passe = await insertRegroupement(db(), {
      titre: "Rencontre du mois dernier",
      audience: "public",
      debut: dans(-30),
    });
    g.ancien = await insertRegroupement(db(), {
      titre: "Rencontre de l'an dernier",
      audience: "public",
      debut: dans(-200),
    });
    g.ailleurs = await insertRegroupement(db(), {
      titre: "Rencontre dans le 05",
      audience: "public",
      departement: "05",
      debut: dans(10),
    });
    // Started an hour ago, ends in 1 h 30: still listed until it ends.
    g.enCours = await insertRegroupement(db(), {
      titre: "En cours",
      audience: "public",
      debut: new Date(Date.now() - HEURE),
    });
  });

  it("liste les événements publics à venir du département, annulés compris, sans les privés, passés ni d'ailleurs", async () => {
    const r = await outcome(() => agenda.loader());
    const evenements = (r.data as { evenements: EvenementPublic[] }).evenements;
    const ids = evenements.map((e) => e.id);
    for (const present of ["aVenir", "enLigne", "annule", "enCours"]) expect(ids, present).toContain(g[present]?.id);
    for (const absent of ["prive", "passe", "ancien", "ailleurs"]) expect(ids, absent).not.toContain(g[absent]?.id);
    // Soonest first.
    expect(ids.indexOf(g.enCours?.id ?? "")).toBeLessThan(ids.indexOf(g.aVenir?.id ?? ""));
    expect(ids.indexOf(g.aVenir?.id ?? "")).toBeLessThan(ids.indexOf(g.annule?.id ?? ""));
    expect(evenements.find((e) => e.id === g.annule?.id)?.annule).toBe(true);
    // The video link is never handed to the public page.
    expect(JSON.stringify(evenements)).not.toContain("secret-lien");
    expect(JSON.stringify(evenements)).not.toContain("Raison interne");

    const html = render(page(AgendaPage)({ evenements }));
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain("Soirée d&#x27;information pour les parents");
    expect(html).not.toContain("Analyse de pratique privée");
    expect(html).toContain("Annulé");
    expect(html).toContain("Cet événement est annulé.");
    expect(html).toContain("En ligne");
    if (communeNom) expect(html).toContain(`Médiathèque, ${communeNom}`);
    expect(html).toMatch(new RegExp(`<article id="evenement-${g.aVenir?.id}"`));
    // HTML attribute names are case-insensitive (React writes `dateTime`).
    expect(html).toMatch(new RegExp(`<time datetime="${g.aVenir?.debut.toISOString()}">`, "i"));
    expect(html).toContain(`href="/agenda/${g.aVenir?.id}.ics"`);
    // No « add » link for a cancelled event.
    expect(html).not.toContain(`href="/agenda/${g.annule?.id}.ics"`);
    expect(html).toContain('href="/agenda.ics"');
    expect(html).not.toContain("<script");
  });

  it("garde le texte d'attente quand rien n'est annoncé", () => {
    const html = render(page(AgendaPage)({ evenements: [] }));
    expect(html).toContain("Aucun événement public annoncé pour le moment.");
    expect(html).not.toContain("<article");
  });

  it("publie /agenda.ics : à venir et trois derniers mois, annulation marquée, rien de privé", async () => {
    const r = await outcome(() => flux.loader());
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const ics = String(r.data);
    const uids = uidsDe(ics);
    expect(uids.get(uid(g.aVenir))).toBe("CONFIRMED");
    expect(uids.get(uid(g.passe))).toBe("CONFIRMED");
    expect(uids.get(uid(g.annule))).toBe("CANCELLED");
    for (const absent of ["prive", "ancien", "ailleurs"]) expect(uids.has(uid(g[absent])), absent).toBe(false);
    expect(ics).not.toContain("secret-lien");
    expect(ics).not.toContain("/espace/");
    expect(ics).toContain("LOCATION:En ligne");
  });

  it("donne un événement public en /agenda/<id>.ics, et 404 pour un privé, un autre département ou une adresse mal formée", async () => {
    const fichier = `${g.aVenir?.id}.ics`;
    const r = await outcome(() => unEvenement.loader(args(`/agenda/${fichier}`, { fichier })));
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect([...uidsDe(String(r.data)).keys()]).toEqual([uid(g.aVenir)]);
    for (const f of [`${g.prive?.id}.ics`, `${g.ailleurs?.id}.ics`, `${g.aVenir?.id}`, "pas-un-id.ics", ".ics"]) {
      const refus = await outcome(() => unEvenement.loader(args(`/agenda/${f}`, { fichier: f })));
      expect(refus.status, f).toBe(404);
    }
  });
});
