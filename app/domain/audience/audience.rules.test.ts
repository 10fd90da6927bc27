import { describe, expect, it } from "vitest";
import { jourIso } from "~/lib/jour";
import { estVueComptable, joursEntre, normaliserChemin, periodeAudience } from "./audience.rules";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

function requete(path: string, headers: Record<string, string> = { "User-Agent": FIREFOX }, method = "GET") {
  return new Request(`http://localhost:3000${path}`, { method, headers });
}

describe("normaliserChemin", () => {
  it("garde le chemin d'une page publique, sans paramètres ni barre finale, en minuscules", () => {
    expect(normaliserChemin("/")).toBe("/");
    expect(normaliserChemin("/carte")).toBe("/carte");
    expect(normaliserChemin("/carte/")).toBe("/carte");
    expect(normaliserChemin("/Agenda")).toBe("/agenda");
    expect(normaliserChemin("/promeneurs?q=sisteron&page=2")).toBe("/promeneurs");
  });

  it("compte chaque profil de promeneur sous son propre chemin", () => {
    expect(normaliserChemin("/promeneurs/lea-sisteron")).toBe("/promeneurs/lea-sisteron");
  });

  it("ne compte ni les pages de connexion (jetons dans l'adresse) ni les chemins inconnus", () => {
    expect(normaliserChemin("/connexion")).toBeNull();
    expect(normaliserChemin("/reinitialiser/abc123")).toBeNull();
    expect(normaliserChemin("/invitation/abc123")).toBeNull();
    expect(normaliserChemin("/espace/coordination")).toBeNull();
    expect(normaliserChemin("/n-existe-pas")).toBeNull();
    expect(normaliserChemin("/promeneurs/lea/photo")).toBeNull();
    expect(normaliserChemin("/promeneurs/Léa%20<script>")).toBeNull();
    expect(normaliserChemin("/promeneurs/%E0%A4%A")).toBeNull();
  });

  it("refuse un chemin de plus de 200 caractères", () => {
    expect(normaliserChemin(`/promeneurs/${"a".repeat(188)}`)).toBe(`/promeneurs/${"a".repeat(188)}`);
    expect(normaliserChemin(`/promeneurs/${"a".repeat(189)}`)).toBeNull();
  });
});

describe("estVueComptable", () => {
  it("compte l'affichage d'une page par un navigateur", () => {
    expect(estVueComptable(requete("/carte"))).toBe(true);
    // An Express request adapted: the address from the path on.
    const headers = new Headers({ "User-Agent": FIREFOX });
    expect(estVueComptable({ method: "GET", url: "/carte?x=1", headers })).toBe(true);
    expect(estVueComptable({ method: "GET", url: "/carte.data", headers })).toBe(false);
    expect(estVueComptable(requete("/carte", { "User-Agent": FIREFOX, "Sec-Fetch-Dest": "document" }))).toBe(true);
  });

  it("ne compte pas les robots ni les requêtes sans navigateur identifié", () => {
    expect(estVueComptable(requete("/carte", { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" }))).toBe(false);
    expect(estVueComptable(requete("/carte", {}))).toBe(false);
  });

  it("respecte Do Not Track et Global Privacy Control", () => {
    expect(estVueComptable(requete("/carte", { "User-Agent": FIREFOX, DNT: "1" }))).toBe(false);
    expect(estVueComptable(requete("/carte", { "User-Agent": FIREFOX, "Sec-GPC": "1" }))).toBe(false);
    expect(estVueComptable(requete("/carte", { "User-Agent": FIREFOX, DNT: "0" }))).toBe(true);
  });

  it("ne compte ni HEAD, ni POST, ni les requêtes de données, ni les préchargements", () => {
    expect(estVueComptable(requete("/carte", { "User-Agent": FIREFOX }, "HEAD"))).toBe(false);
    expect(estVueComptable(requete("/contact", { "User-Agent": FIREFOX }, "POST"))).toBe(false);
    expect(estVueComptable(requete("/carte.data"))).toBe(false);
    expect(estVueComptable(requete("/carte?_routes=routes/public/carte"))).toBe(false);
    expect(estVueComptable(requete("/carte", { "User-Agent": FIREFOX, "Sec-Fetch-Dest": "empty" }))).toBe(false);
    expect(estVueComptable(requete("/carte", { "User-Agent": FIREFOX, "Sec-Purpose": "prefetch" }))).toBe(false);
  });
});

describe("jourIso", () => {
  it("prend le jour calendaire de Paris, pas celui d'UTC", () => {
    // Summer (UTC+2): 23:30 UTC is already the next day in Paris.
    expect(jourIso(new Date("2025-07-14T23:30:00Z"))).toBe("2025-07-15");
    expect(jourIso(new Date("2025-07-14T21:59:00Z"))).toBe("2025-07-14");
    // Winter (UTC+1).
    expect(jourIso(new Date("2025-12-31T22:59:00Z"))).toBe("2025-12-31");
    expect(jourIso(new Date("2025-12-31T23:00:00Z"))).toBe("2026-01-01");
  });
});

describe("période affichée", () => {
  const now = new Date("2025-07-14T10:00:00Z");
  const params = (query: string) => periodeAudience(new URLSearchParams(query), now);

  it("montre par défaut les 30 derniers jours, aujourd'hui compris", () => {
    expect(params("")).toMatchObject({ du: "2025-06-15", au: "2025-07-14", errors: {} });
  });

  it("connaît les périodes prédéfinies", () => {
    expect(params("periode=7j")).toMatchObject({ du: "2025-07-08", au: "2025-07-14" });
    expect(params("periode=annee")).toMatchObject({ du: "2025-01-01", au: "2025-07-14" });
  });

  it("accepte des dates saisies au format ISO ou à la française", () => {
    expect(params("du=2025-03-01&au=2025-03-31")).toMatchObject({ du: "2025-03-01", au: "2025-03-31", errors: {} });
    expect(params("du=1/3/2025&au=31/03/2025")).toMatchObject({ du: "2025-03-01", au: "2025-03-31", errors: {} });
  });

  it("signale une date invalide ou une période inversée et revient à la période par défaut", () => {
    const bad = params("du=2025-02-31&au=2025-03-31");
    expect(bad.errors.du?.[0]).toMatch(/date de début valide/);
    expect(bad).toMatchObject({ du: "2025-06-15", au: "2025-07-14", saisie: { du: "2025-02-31" } });
    expect(params("du=2025-03-31&au=2025-03-01").errors.au?.[0]).toMatch(/postérieure/);
    expect(params("du=2020-01-01&au=2025-01-01").errors.au?.[0]).toMatch(/deux ans/);
  });

  it("énumère tous les jours d'une période, changement d'heure compris", () => {
    expect(joursEntre("2025-03-29", "2025-04-01")).toEqual(["2025-03-29", "2025-03-30", "2025-03-31", "2025-04-01"]);
    expect(params("du=2024-02-29&au=2024-03-01").errors).toEqual({});
    expect(params("du=2025-02-29&au=2025-03-01").errors.du).toHaveLength(1);
  });
});
