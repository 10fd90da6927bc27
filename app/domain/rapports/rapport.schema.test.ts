import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { BORNES } from "./rapport.rules";
import { type ModeRapport, modeDe, rapportSchema } from "./rapport.schema";

function formulaire(champs: Record<string, string>): FormData {
  const formData = new FormData();
  for (const [name, value] of Object.entries(champs)) formData.append(name, value);
  return formData;
}

function analyser(champs: Record<string, string>, mode: ModeRapport = "brouillon") {
  return parseWithZod(formulaire(champs), { schema: rapportSchema(mode) });
}

function erreurs(champs: Record<string, string>, mode: ModeRapport = "brouillon") {
  const submission = analyser(champs, mode);
  return submission.status === "error" ? (submission.error ?? {}) : {};
}

/** A consistent month as the form posts it. */
const coherent = {
  "age_nouveaux.15_17": "6",
  "age_file.15_17": "15",
  "age_file.18_21": "10",
  "canal.messages_prives": "30",
  "canal.rencontres": "2",
  echangesIndividuels: "28",
  echangesCollectifs: "4",
  "theme.scolarite": "10",
  "reseau.instagram": "30",
  "orientation.mission_locale": "1",
  "publication.live": "2",
  heuresEnLigne: "24,5",
  faitMarquant: "Un atelier sur le cyberharcèlement avec le collège, 15 jeunes présents.",
};

describe("rapportSchema", () => {
  it("lit un formulaire complet : les nombres, les heures à la virgule, le texte", () => {
    const submission = analyser(coherent, "soumission");
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value.age_nouveaux).toEqual({ "12_14": 0, "15_17": 6, "18_21": 0, "22_25": 0, autre: 0 });
    expect(submission.value.canal.messages_prives).toBe(30);
    expect(submission.value.theme.sante).toBe(0);
    expect(submission.value.heuresEnLigne).toBe(24.5);
    expect(submission.value.faitMarquant).toBe(coherent.faitMarquant);
  });

  it("compte un champ vide ou un formulaire vide comme 0", () => {
    const submission = analyser({ "canal.messages_prives": "", echangesIndividuels: "" }, "soumission");
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value.canal.messages_prives).toBe(0);
    expect(submission.value.reseau.instagram).toBe(0);
    expect(submission.value.heuresEnLigne).toBe(0);
    expect(submission.value.faitMarquant).toBe("");
  });

  it("accepte les espaces dans un grand nombre (1 200)", () => {
    const submission = analyser({ "age_file.18_21": "1 200" });
    expect(submission.status === "success" && submission.value.age_file["18_21"]).toBe(1200);
  });

  it("refuse un nombre négatif, à virgule ou du texte, sur son champ", () => {
    expect(erreurs({ "canal.commentaires": "-3" })["canal.commentaires"]?.[0]).toContain("ne peut pas être négatif");
    expect(erreurs({ "theme.sante": "2,5" })["theme.sante"]?.[0]).toContain("nombre entier");
    expect(erreurs({ "publication.live": "trois" })["publication.live"]?.[0]).toContain("nombre entier");
  });

  it("refuse un nombre au-dessus de la borne de son champ, accepte la borne", () => {
    expect(erreurs({ "age_nouveaux.12_14": String(BORNES.age_nouveaux + 1) })["age_nouveaux.12_14"]?.[0]).toBe(
      "501, c'est plus que le maximum d'un mois (500) : vérifiez ce nombre.",
    );
    expect(erreurs({ "age_nouveaux.12_14": String(BORNES.age_nouveaux) })).toEqual({});
    expect(erreurs({ "age_file.autre": "2001" })["age_file.autre"]).toBeDefined();
    expect(erreurs({ "age_file.autre": "2000" })).toEqual({});
    expect(erreurs({ "canal.appels": "10001" })["canal.appels"]).toBeDefined();
    expect(erreurs({ "publication.interactive": "301" })["publication.interactive"]).toBeDefined();
    expect(erreurs({ "publication.interactive": "300" })).toEqual({});
    expect(erreurs({ "orientation.paej": "501" })["orientation.paej"]).toBeDefined();
    expect(erreurs({ "reseau.tiktok": "10001" })["reseau.tiktok"]).toBeDefined();
    expect(erreurs({ echangesCollectifs: "60001" }).echangesCollectifs).toBeDefined();
  });

  it("refuse des heures au-delà de 300 ou avec deux décimales, accepte 300 et une décimale", () => {
    expect(erreurs({ heuresEnLigne: "300,5" }).heuresEnLigne?.[0]).toContain("300 h");
    expect(erreurs({ heuresEnLigne: "300" })).toEqual({});
    expect(erreurs({ heuresEnLigne: "12,25" }).heuresEnLigne?.[0]).toContain("Une décimale au plus");
    expect(erreurs({ heuresEnLigne: "12.5" })).toEqual({});
    expect(erreurs({ heuresEnLigne: "-1" }).heuresEnLigne?.[0]).toContain("négatif");
  });

  it("refuse une donnée identifiante ou un texte trop long dans le fait marquant", () => {
    expect(erreurs({ faitMarquant: "Elle a laissé son 06 12 34 56 78" }).faitMarquant).toBeDefined();
    expect(erreurs({ faitMarquant: "Orientée vers le 3114, 15 jeunes à l'atelier" })).toEqual({});
    expect(erreurs({ faitMarquant: "a".repeat(601) }).faitMarquant?.[0]).toContain("600 caractères au plus");
    expect(erreurs({ faitMarquant: "a".repeat(600) })).toEqual({});
  });

  it("enregistre un brouillon incohérent, mais refuse de le soumettre, chaque erreur sur son champ", () => {
    const incoherent = { ...coherent, echangesIndividuels: "40", "age_nouveaux.18_21": "11", "theme.sante": "30" };
    expect(analyser(incoherent, "brouillon").status).toBe("success");
    const e = erreurs(incoherent, "soumission");
    expect(Object.keys(e).sort()).toEqual(["age_nouveaux.18_21", "echangesIndividuels", "theme"]);
    expect(e.echangesIndividuels?.[0]).toContain("font 44, mais les échanges par canal en comptent 32");
  });
});

describe("modeDe", () => {
  it("soumet seulement sur le bouton « Soumettre »", () => {
    expect(modeDe("soumettre")).toBe("soumission");
    expect(modeDe("enregistrer")).toBe("brouillon");
    expect(modeDe(null)).toBe("brouillon");
  });
});
