import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { auditLog, candidaturePieces, candidatures } from "@db/schema";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { StockageDisque, setStockage } from "~/server/stockage.server";
import { insertAppelPublie, insertCandidatConnecte, PDF_ESSAI, TEXTE_ESSAI } from "../../../tests/factories/candidat";
import { refuserJournal, retablirJournal } from "../../../tests/support/journal";
import { expectRefus, invalid } from "../../../tests/support/route";
import { type Appel, getAppel } from "./appel.queries.server";
import {
  ajouterPiece,
  DepotRefuse,
  deposerCandidature,
  enregistrerCandidature,
  MESSAGE_DEPOSEE,
  MESSAGE_VERSION,
  ouvrirCandidature,
  retirerPiece,
} from "./candidature.commands.server";
import { getCandidatureDuCandidat } from "./candidature.queries.server";
import { CHAMP_FICHIER, CHAMP_VERSION, type SaisieCandidature } from "./candidature.schema";

// La clôture : 15 mars 2026 à 23 h 59 min 59 s, heure de Paris.
const OUVERTURE = new Date("2026-01-15T08:00:00Z");
const CLOTURE = new Date("2026-03-15T22:59:59Z");
const PENDANT = new Date("2026-03-01T10:00:00Z");
const ctx = (now = PENDANT) => ({ db: getDb(), now, requestId: "req-candidature", stockage });

let dossier: string;
let stockage: StockageDisque;
let appel: Appel;

const SAISIE: SaisieCandidature = {
  structureNom: "Centre social La Ruche",
  structureCommune: "Digne-les-Bains",
  structureSiret: "12345678900011",
  contactNom: "Camille Martin",
  contactTelephone: "04 92 30 00 00",
  personneProposee: "Alex Durand",
  personneFonction: "Éducateur spécialisé",
  projet: "Animer le réseau des promeneurs.",
  reponses: { implantee: true, reseau: true },
  budget: null,
};

beforeAll(async () => {
  dossier = await fs.mkdtemp(path.join(os.tmpdir(), "pdn-pieces-"));
  stockage = new StockageDisque(dossier);
  setStockage(stockage);
  const row = await insertAppelPublie(getDb(), { ouvertureLe: OUVERTURE, clotureLe: CLOTURE });
  appel = (await getAppel(getDb(), row.id)) as Appel;
});

afterAll(async () => {
  setStockage(undefined);
  await fs.rm(dossier, { recursive: true, force: true });
});

afterEach(retablirJournal);

/** Every file under the storage directory. */
async function fichiersStockes(): Promise<string[]> {
  const entrees = await fs.readdir(dossier, { recursive: true, withFileTypes: true });
  return entrees.filter((e) => e.isFile()).map((e) => e.name);
}

/** Bytes put on the storage as an upload would, then handed to `ajouterPiece`. */
async function fichier(octets: Buffer, nom: string) {
  const ecriture = await stockage.ecrire(Readable.from([octets]), { maxOctets: 10 * 1024 * 1024 });
  if (!ecriture.ok) throw new Error("écriture refusée");
  return { nom, ecriture };
}

/** A new applicant with a draft, optionally with the mandatory document and the form filled. */
async function brouillon(options: { complet?: boolean } = {}) {
  const { connecte } = await insertCandidatConnecte(getDb());
  const candidature = await ouvrirCandidature(ctx(), connecte, appel);
  if (!candidature) throw new Error("pas de brouillon");
  if (options.complet) {
    await ajouterPiece(ctx(), connecte, appel, {
      documentCode: "dossier",
      version: undefined,
      fichier: await fichier(PDF_ESSAI, "dossier.pdf"),
    });
  }
  const lue = await getCandidatureDuCandidat(getDb(), connecte.candidatId, appel.id);
  return { connecte, candidature: lue?.candidature ?? candidature, pieces: lue?.pieces ?? [] };
}

function journal(candidatureId: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "candidature"), eq(auditLog.entityId, candidatureId)))
    .orderBy(asc(auditLog.id));
}

describe("le brouillon", () => {
  it("s'ouvre à la première visite pendant l'appel, une seule fois, avec sa ligne au journal", async () => {
    const { connecte } = await insertCandidatConnecte(getDb());
    const premiere = await ouvrirCandidature(ctx(), connecte, appel);
    const seconde = await ouvrirCandidature(ctx(), connecte, appel);
    expect(premiere?.id).toBe(seconde?.id);
    expect(premiere).toMatchObject({ statut: "brouillon", version: 1, departement: "04" });
    const lignes = await journal(premiere?.id as string);
    expect(lignes.map((l) => [l.action, l.actorLabel, l.departement])).toEqual([
      ["candidature.creer", `candidat <${connecte.email}>`, "04"],
    ]);
  });

  it("ne s'ouvre pas avant l'ouverture ni après la clôture", async () => {
    const { connecte } = await insertCandidatConnecte(getDb());
    expect(await ouvrirCandidature(ctx(new Date(OUVERTURE.getTime() - 1000)), connecte, appel)).toBeNull();
    expect(await ouvrirCandidature(ctx(new Date(CLOTURE.getTime() + 1000)), connecte, appel)).toBeNull();
  });

  it("s'enregistre en plusieurs fois ; un formulaire périmé est refusé (conflit) et ne change rien", async () => {
    const { connecte, candidature } = await brouillon();
    await enregistrerCandidature(ctx(), connecte, appel, { ...SAISIE, projet: "" }, candidature.version);
    const perime = await invalid(enregistrerCandidature(ctx(), connecte, appel, SAISIE, candidature.version));
    expect(perime.field).toBe(CHAMP_VERSION);
    expect(perime.message).toBe(MESSAGE_VERSION);
    const lue = await getCandidatureDuCandidat(getDb(), connecte.candidatId, appel.id);
    expect(lue?.candidature).toMatchObject({ structureNom: "Centre social La Ruche", projet: "", version: 2 });
    const lignes = await journal(candidature.id);
    expect(lignes.map((l) => l.action)).toEqual(["candidature.creer", "candidature.enregistrer"]);
    expect(lignes[1]?.changes).toMatchObject({ champs: expect.arrayContaining(["structureNom", "reponses"]) });
  });

  it("n'enregistre rien quand le journal refuse sa ligne", async () => {
    const { connecte, candidature } = await brouillon();
    await refuserJournal("candidature.enregistrer");
    await expect(enregistrerCandidature(ctx(), connecte, appel, SAISIE, candidature.version)).rejects.toThrow();
    const lue = await getCandidatureDuCandidat(getDb(), connecte.candidatId, appel.id);
    expect(lue?.candidature).toMatchObject({ structureNom: "", version: 1 });
  });
});

describe("le dépôt", () => {
  it("est refusé une seconde après la clôture, avec le message de la règle, et rien ne change", async () => {
    const { connecte, candidature } = await brouillon({ complet: true });
    const apres = new Date(CLOTURE.getTime() + 1000);
    const erreur = await deposerCandidature(ctx(apres), connecte, appel, SAISIE, candidature.version, "http://x").catch(
      (e: unknown) => e,
    );
    expect(erreur).toBeInstanceOf(DepotRefuse);
    expect((erreur as DepotRefuse).motifs).toEqual([
      "L'appel est clos depuis le 15 mars 2026 à 23 h 59 : la candidature ne peut plus être déposée.",
    ]);
    const [row] = await getDb().select().from(candidatures).where(eq(candidatures.id, candidature.id));
    expect(row).toMatchObject({ statut: "brouillon", deposeeLe: null, structureNom: "" });
  });

  it("est accepté une seconde avant la clôture : déposé, journalisé, e-mail de confirmation, plus modifiable", async () => {
    const { connecte, candidature } = await brouillon({ complet: true });
    const avant = new Date(CLOTURE.getTime() - 1000);
    const { mail } = await deposerCandidature(
      ctx(avant),
      connecte,
      appel,
      SAISIE,
      candidature.version,
      "https://pdn.example",
    );
    expect(mail.to).toBe(connecte.email);
    expect(mail.subject).toBe(`Candidature déposée – ${appel.titre}`);
    expect(mail.text).toContain(`https://pdn.example/appels/${appel.slug}/candidature`);
    const [row] = await getDb().select().from(candidatures).where(eq(candidatures.id, candidature.id));
    expect(row).toMatchObject({ statut: "deposee", deposeeLe: avant, structureNom: "Centre social La Ruche" });
    const lignes = await journal(candidature.id);
    expect(lignes.at(-1)).toMatchObject({ action: "candidature.deposer", departement: "04" });
    // Déposée : plus rien ne change, ni le formulaire ni les documents.
    const fige = await invalid(
      enregistrerCandidature(ctx(avant), connecte, appel, { ...SAISIE, projet: "Autre" }, row?.version as number),
    );
    expect(fige.message).toBe(MESSAGE_DEPOSEE);
    const piece = await invalid(
      ajouterPiece(ctx(avant), connecte, appel, {
        documentCode: "annexes",
        version: row?.version,
        fichier: await fichier(PDF_ESSAI, "annexe.pdf"),
      }),
    );
    expect(piece.message).toBe(MESSAGE_DEPOSEE);
  });

  it("est refusé tant qu'un document obligatoire, un champ ou une réponse manque", async () => {
    const { connecte, candidature } = await brouillon();
    const erreur = (await deposerCandidature(
      ctx(),
      connecte,
      appel,
      { ...SAISIE, contactTelephone: "", reponses: { reseau: true } },
      candidature.version,
      "http://x",
    ).catch((e: unknown) => e)) as DepotRefuse;
    expect(erreur.motifs).toEqual([
      "Champs à remplir : Votre numéro de téléphone.",
      "Documents obligatoires manquants : Dossier de candidature.",
      "Questions d'éligibilité sans réponse : « La structure est-elle implantée dans le département ? ».",
    ]);
  });

  it("est accepté malgré un « non » à une question éliminatoire (la coordination juge l'éligibilité)", async () => {
    const { connecte, candidature } = await brouillon({ complet: true });
    await deposerCandidature(
      ctx(),
      connecte,
      appel,
      { ...SAISIE, reponses: { implantee: false, reseau: true } },
      candidature.version,
      "http://x",
    );
    const lignes = await journal(candidature.id);
    expect(lignes.at(-1)?.changes).toMatchObject({ eligible: false });
  });

  it("est refusé quand le budget proposé enfreint une règle de financement", async () => {
    const row = await insertAppelPublie(getDb(), { ouvertureLe: OUVERTURE, clotureLe: CLOTURE, budgetPropose: true });
    const avecBudget = (await getAppel(getDb(), row.id)) as Appel;
    const { connecte } = await insertCandidatConnecte(getDb());
    const c = await ouvrirCandidature(ctx(), connecte, avecBudget);
    await ajouterPiece(ctx(), connecte, avecBudget, {
      documentCode: "dossier",
      version: undefined,
      fichier: await fichier(PDF_ESSAI, "dossier.pdf"),
    });
    const budget = {
      charges: { personnel_coordination: 3_000_000 },
      produits: { caf: 3_000_000 },
      etpCentiemes: 50,
    };
    const erreur = (await deposerCandidature(ctx(), connecte, avecBudget, { ...SAISIE, budget }, 2, "http://x").catch(
      (e: unknown) => e,
    )) as DepotRefuse;
    expect(erreur).toBeInstanceOf(DepotRefuse);
    expect(erreur.motifs[0]).toMatch(
      /^Le budget prévisionnel ne respecte pas les règles de financement : Part de la CAF/,
    );
    const conforme = {
      charges: { personnel_coordination: 3_000_000 },
      produits: { caf: 2_400_000, fonds_propres: 600_000 },
      etpCentiemes: 50,
    };
    await deposerCandidature(ctx(), connecte, avecBudget, { ...SAISIE, budget: conforme }, 2, "http://x");
    const [lue] = await getDb()
      .select()
      .from(candidatures)
      .where(eq(candidatures.id, c?.id as string));
    expect(lue?.budget).toEqual(conforme);
  });
});

describe("les documents", () => {
  it("garde un PDF, le remplace (les anciens octets disparaissent), le retire ; chaque écriture au journal", async () => {
    const { connecte, candidature } = await brouillon();
    const avant = await fichiersStockes();
    const premier = await fichier(PDF_ESSAI, "../../dossier <v1>.pdf");
    const { pieceId } = await ajouterPiece(ctx(), connecte, appel, {
      documentCode: "dossier",
      version: candidature.version,
      fichier: premier,
    });
    const [piece] = await getDb().select().from(candidaturePieces).where(eq(candidaturePieces.id, pieceId));
    expect(piece).toMatchObject({ typeMime: "application/pdf", taille: PDF_ESSAI.length, nom: "dossier _v1_.pdf" });
    expect(piece?.cle).toMatch(/^[0-9a-f]{64}$/);

    const second = await fichier(PDF_ESSAI, "dossier-v2.pdf");
    const remplacement = await ajouterPiece(ctx(), connecte, appel, {
      documentCode: "dossier",
      version: candidature.version + 1,
      fichier: second,
    });
    expect(remplacement.remplace).toBe(true);
    expect(await stockage.lire(premier.ecriture.cle)).toBeNull();
    expect((await fichiersStockes()).length).toBe(avant.length + 1);

    await retirerPiece(ctx(), connecte, appel, { pieceId: remplacement.pieceId, version: candidature.version + 2 });
    expect(await stockage.lire(second.ecriture.cle)).toBeNull();
    expect(await fichiersStockes()).toEqual(avant);
    const lignes = await journal(candidature.id);
    expect(lignes.map((l) => l.action)).toEqual([
      "candidature.creer",
      "candidature.piece.ajouter",
      "candidature.piece.remplacer",
      "candidature.piece.retirer",
    ]);
  });

  it("refuse un fichier texte renommé .pdf : aucune ligne, aucun octet gardé", async () => {
    const { connecte, candidature } = await brouillon();
    const avant = await fichiersStockes();
    const texte = await fichier(TEXTE_ESSAI, "dossier.pdf");
    const erreur = await invalid(
      ajouterPiece(ctx(), connecte, appel, { documentCode: "dossier", version: candidature.version, fichier: texte }),
    );
    expect(erreur.field).toBe(CHAMP_FICHIER);
    expect(erreur.message).toBe("Ce fichier n'est pas du type attendu (PDF), quel que soit son nom.");
    expect(await fichiersStockes()).toEqual(avant);
    const pieces = await getDb()
      .select()
      .from(candidaturePieces)
      .where(eq(candidaturePieces.candidatureId, candidature.id));
    expect(pieces).toEqual([]);
  });

  it("supprime les octets d'un document quand la transaction échoue (version périmée)", async () => {
    const { connecte } = await brouillon();
    const avant = await fichiersStockes();
    const envoi = await fichier(PDF_ESSAI, "dossier.pdf");
    const erreur = await invalid(
      ajouterPiece(ctx(), connecte, appel, { documentCode: "dossier", version: 99, fichier: envoi }),
    );
    expect(erreur).toBeInstanceOf(Invalid);
    expect(erreur.field).toBe(CHAMP_VERSION);
    expect(await fichiersStockes()).toEqual(avant);
  });

  it("un autre candidat ne retire pas le document d'un autre (404)", async () => {
    const proprietaire = await brouillon({ complet: true });
    const autre = await brouillon();
    const piece = proprietaire.pieces[0];
    await expectRefus(
      retirerPiece(ctx(), autre.connecte, appel, { pieceId: piece?.id as string, version: undefined }),
      404,
    );
    const [toujours] = await getDb()
      .select()
      .from(candidaturePieces)
      .where(eq(candidaturePieces.id, piece?.id as string));
    expect(toujours).toBeDefined();
  });
});
