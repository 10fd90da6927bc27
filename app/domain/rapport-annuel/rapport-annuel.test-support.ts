/**
 * Test helpers for the annual report's documents: read a file out of a ZIP (DOCX, XLSX), find the
 * text of a PDF written by pdfmake (uncompressed), and the data of a report built from
 * `indicateursExemple()` and the sample budget's financial report. Used by tests only.
 */
import { inflateRawSync } from "node:zlib";
import { contenuExemple } from "~/domain/budget/rapport-financier.test-support";
import type { VueIndicateurs } from "~/domain/indicateurs/indicateurs.types";
import { indicateursExemple } from "../../../tests/factories/indicateurs";
import type { DonneesRapportAnnuel } from "./rapport-annuel.contenu";

/** The files of a ZIP archive by name (stored or deflated entries, as Office files use). */
export function lireZip(archive: Buffer): Map<string, Buffer> {
  const fichiers = new Map<string, Buffer>();
  const fin = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (fin < 0) throw new Error("pas une archive ZIP");
  const entrees = archive.readUInt16LE(fin + 10);
  let position = archive.readUInt32LE(fin + 16);
  for (let n = 0; n < entrees; n++) {
    const methode = archive.readUInt16LE(position + 10);
    const taille = archive.readUInt32LE(position + 20);
    const longueurNom = archive.readUInt16LE(position + 28);
    const longueurExtra = archive.readUInt16LE(position + 30);
    const longueurCommentaire = archive.readUInt16LE(position + 32);
    const local = archive.readUInt32LE(position + 42);
    const nom = archive.toString("utf8", position + 46, position + 46 + longueurNom);
    const debut = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const donnees = archive.subarray(debut, debut + taille);
    fichiers.set(nom, methode === 8 ? inflateRawSync(donnees) : Buffer.from(donnees));
    position += 46 + longueurNom + longueurExtra + longueurCommentaire;
  }
  return fichiers;
}

/** The text of a Word document's body (document.xml with its tags removed, XML entities decoded). */
export function texteDocx(docx: Buffer): { xml: string; texte: string } {
  const xml = lireZip(docx).get("word/document.xml")?.toString("utf8") ?? "";
  const texte = xml
    .replace(/<\/w:p>/g, "\n")
    .replace(/<w:tab\/>/g, "\t")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
  return { xml, texte };
}

/** The cell texts of each row of the Word document's tables. */
export function lignesTableauxDocx(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((ligne) =>
    [...ligne[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cellule) =>
      cellule[0]
        .replace(/<[^>]+>/g, "")
        .replace(/&lt;/g, "<")
        .replace(/&amp;/g, "&"),
    ),
  );
}

/**
 * The text drawn in a PDF written by pdfmake with `compress: false`: each font's ToUnicode map
 * turns the glyph ids of its `TJ` strings back into characters. The runs are joined as drawn
 * (pdfmake writes one run per word, with its trailing space; a table's cells follow each other).
 */
export function textePdf(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  const objets = new Map<string, string>();
  for (const m of source.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objets.set(m[1] ?? "", m[2] ?? "");
  // Resource name (/F1) → ToUnicode map, read from the page resources' font dictionaries.
  const cartes = new Map<string, Map<number, string>>();
  for (const corps of objets.values()) {
    const fontes = /\/Font\s*<<([^>]*)>>/.exec(corps);
    if (!fontes?.[1]) continue;
    for (const [, nom, ref] of fontes[1].matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      if (!nom || cartes.has(nom)) continue;
      const fonte = objets.get(ref ?? "") ?? "";
      const tu = /\/ToUnicode (\d+) 0 R/.exec(fonte)?.[1];
      const flux = tu ? (/stream\r?\n([\s\S]*?)endstream/.exec(objets.get(tu) ?? "")?.[1] ?? "") : "";
      const carte = new Map<number, string>();
      const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => Number.parseInt(x, 16)));
      for (const bloc of flux.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
        for (const [, g, u] of (bloc[1] ?? "").matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
          carte.set(Number.parseInt(g ?? "0", 16), hex(u ?? ""));
        }
      }
      for (const bloc of flux.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
        for (const [, a, b, reste] of (bloc[1] ?? "").matchAll(
          /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
        )) {
          const debut = Number.parseInt(a ?? "0", 16);
          const fin = Number.parseInt(b ?? "0", 16);
          if (reste?.startsWith("[")) {
            for (const [i, u] of [...reste.matchAll(/<([0-9a-fA-F\s]+)>/g)].entries()) {
              carte.set(debut + i, hex((u[1] ?? "").replace(/\s/g, "")));
            }
          } else {
            const base = Number.parseInt(reste?.slice(1, -1) ?? "0", 16);
            for (let g = debut; g <= fin; g++) carte.set(g, String.fromCodePoint(base + g - debut));
          }
        }
      }
      cartes.set(nom, carte);
    }
  }
  const lignes: string[] = [];
  for (const corps of objets.values()) {
    const flux = /stream\r?\n([\s\S]*?)endstream/.exec(corps)?.[1];
    if (!flux?.includes(" Tf")) continue;
    let carte: Map<number, string> | undefined;
    for (const m of flux.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-fA-F]*)> Tj/g)) {
      if (m[1]) {
        carte = cartes.get(m[1]);
        continue;
      }
      const morceaux =
        m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1] ?? "") : [m[3] ?? ""];
      lignes.push(
        morceaux
          .map((h) => (h.match(/.{4}/g) ?? []).map((g) => carte?.get(Number.parseInt(g, 16)) ?? "").join(""))
          .join(""),
      );
    }
  }
  return lignes.join("");
}

/** A highlight text that must appear in the coordination version only. */
export const FAIT_MARQUANT_TEMOIN = "Atelier témoin sur le harcèlement en ligne au collège de Sisteron";

/** A small square commune boundary (GeoJSON polygon) around a point. */
function carre(longitude: number, latitude: number) {
  const d = 0.08;
  return {
    type: "Polygon",
    coordinates: [
      [
        [longitude - d, latitude - d],
        [longitude + d, latitude - d],
        [longitude + d, latitude + d],
        [longitude - d, latitude + d],
        [longitude - d, latitude - d],
      ],
    ],
  };
}

/** The data of a 2025 report of 04 built from `indicateursExemple()` and `budgetExemple()` (no database). */
export function donneesExemple(vue: VueIndicateurs): DonneesRapportAnnuel {
  return {
    departement: { code: "04", nom: "Alpes-de-Haute-Provence" },
    annee: 2025,
    vue,
    genereLe: new Date("2026-02-10T10:00:00Z"),
    introduction: "Une année de consolidation du réseau.\nDeux nouvelles structures ont rejoint la démarche.",
    indicateurs: indicateursExemple({ vue }),
    faitsMarquants: [
      { mois: "mars 2025", promeneur: "Camille Roux", structure: "MJC de Sisteron", texte: FAIT_MARQUANT_TEMOIN },
    ],
    regroupements: [
      {
        date: "14 mars 2025",
        type: "Analyse de pratique",
        titre: "Analyse de pratique de printemps",
        presents: 9,
        notees: 12,
        taux: 0.75,
      },
    ],
    actions: [{ date: "12 mai 2025", type: "Stand", titre: "Stand au forum des associations", portee: 350 }],
    carte: [
      { code: "04070", nom: "Digne-les-Bains", geometry: carre(6.2, 44.1) },
      { code: "04088", nom: "Forcalquier", geometry: carre(5.8, 43.95) },
      { code: "04019", nom: "Barcelonnette", geometry: carre(6.65, 44.38) },
    ],
    financier: contenuExemple(),
  };
}
