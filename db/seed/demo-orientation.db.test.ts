import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { findNumerosForGestion } from "~/domain/orientation/numero.queries.server";
import { isAReverifier } from "~/domain/orientation/numero.rules";
import { findRessourcesPubliques, findRessourcesReseau } from "~/domain/ressources/ressource.queries.server";
import { jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { checkUpload, readFichier } from "~/server/fichiers.server";
import { numerosAide, ressources } from "../schema";
import { pdfDemo, seedDemoOrientation } from "./demo-orientation";

describe("démo : numéros d'aide et ressources du 04", () => {
  it("charge des services clairement fictifs, une fois, dont un à revérifier", async () => {
    const now = new Date();
    expect(await seedDemoOrientation(getDb(), null, now)).toBe(true);
    const locaux = (await findNumerosForGestion(getDb(), "04")).filter((n) => n.departement === "04");
    expect(locaux).toHaveLength(5);
    for (const n of locaux) {
      expect(n.nom).toMatch(/\(démo\)$/);
      expect(n.telephone).toMatch(/^04 65 71 \d\d \d\d$/);
      expect(n.source).toBe("Données de démonstration");
    }
    expect(locaux.filter((n) => isAReverifier(n.verifieLe, jourParis(now)))).toHaveLength(1);

    const [avant] = await getDb().select({ n: count() }).from(ressources);
    expect(await seedDemoOrientation(getDb(), null, now)).toBe(false);
    const [apres] = await getDb().select({ n: count() }).from(ressources);
    expect(apres?.n).toBe(avant?.n);
    const [numeros] = await getDb().select({ n: count() }).from(numerosAide).where(eq(numerosAide.departement, "04"));
    expect(numeros?.n).toBe(5);
  });

  it("publie trois ressources et en garde une pour le réseau, dont les fichiers sont de vrais PDF", async () => {
    const publiques = await findRessourcesPubliques(getDb(), "04");
    const reseau = await findRessourcesReseau(getDb(), "04", { avecMasquees: false });
    expect(publiques).toHaveLength(3);
    expect(reseau).toHaveLength(4);
    const fiche = reseau.find((r) => !r.public);
    expect(fiche?.fichier?.typeMime).toBe("application/pdf");
    const row = await readFichier(getDb(), fiche?.fichierId ?? "");
    const verifie = await checkUpload(new File([new Uint8Array(row?.contenu ?? [])], "f.pdf"), "document", "fichier");
    expect(verifie.typeMime).toBe("application/pdf");
  });

  it("écrit un PDF dont la table des renvois pointe sur chaque objet", () => {
    const pdf = pdfDemo("Essai (démo)", ["Une ligne", "Une autre (avec parenthèses)"]).toString("latin1");
    const xref = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
    expect(pdf.slice(xref, xref + 4)).toBe("xref");
    const offsets = [...pdf.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    for (const [i, offset] of offsets.entries()) expect(pdf.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true);
  });
});
