import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { MODELE_COORDINATION, MODELE_RECRUTEMENT, type ModeleAppel } from "~/domain/appels/appel.modeles";
import { ajouterJours, instantParis, type JourCivil, jourParis } from "~/lib/jour";
import { recordAudit } from "~/server/audit.server";
import type { Executor } from "~/server/db.server";
import { getStockage } from "~/server/stockage.server";
import {
  appelEvaluateurs,
  appels,
  appMeta,
  candidats,
  candidaturePieces,
  candidatures,
  evaluationNotes,
  evaluations,
  userRoles,
  users,
} from "../schema";
import { pdfMinimal } from "./pdf-minimal";

/**
 * The calls for applications of the fictional 04 demo (issue 9):
 * - the CAF's coordination call of the 2025–2026 convention, closed and decided: two applications,
 *   both scored by the commission, one retained, one not (with its reasons);
 * - the recruitment of promeneurs, open from two weeks before the demo was loaded to six weeks after
 *   it: one application submitted, checked receivable and waiting for the reviewer's scores.
 * A reviewer account (evaluation@demo.pdn04.fr, the demo password) sits on both commissions.
 * Uploaded documents are small generated PDFs, written to the file storage. Loaded once, by its marker.
 */
export const DEMO_APPELS_MARKER = "demo.04.appels";
export const DEMO_EVALUATEUR = { email: "evaluation@demo.pdn04.fr", nom: "Nadia Bensaïd (démo)" } as const;
export const DEMO_APPEL_RECRUTEMENT = "recrutement-promeneurs";
const DEPARTEMENT = "04";
const DEMO = { system: "démo" } as const;

type ApplicationDemo = {
  email: string;
  structureNom: string;
  structureCommune: string;
  contactNom: string;
  personneProposee: string;
  personneFonction: string;
  projet: string;
  statut: "deposee" | "recevable" | "retenue" | "refusee";
  motifDecision?: string;
  /** Scores by criterion, in the call's criteria order; submitted when `soumise`. */
  notes?: { valeurs: number[]; soumise: boolean };
};

const COORDINATION: ApplicationDemo[] = [
  {
    email: "direction@trois-vallees.demo.pdn04.fr",
    structureNom: "Centre social Les Trois Vallées",
    structureCommune: "Digne-les-Bains",
    contactNom: "Bernard Isnard (démo)",
    personneProposee: "Camille Arnaud (démo)",
    personneFonction: "Animatrice de réseau, 0,5 ETP",
    projet:
      "Animer le réseau des promeneurs du département : accueil et formation des nouveaux promeneurs, analyse de pratiques trimestrielle, rencontres départementales, lien avec les collèges et les missions locales, suivi des indicateurs pour le comité de pilotage.",
    statut: "retenue",
    motifDecision: "Projet complet, budget conforme aux règles de l'appel, coordinatrice expérimentée.",
    notes: { valeurs: [5, 4, 4, 4, 3, 5, 4, 4, 5], soumise: true },
  },
  {
    email: "contact@lure-luberon.demo.pdn04.fr",
    structureNom: "Association Jeunesse Lure et Luberon",
    structureCommune: "Forcalquier",
    contactNom: "Sophie Meynier (démo)",
    personneProposee: "Julien Fabre (démo)",
    personneFonction: "Éducateur spécialisé",
    projet:
      "Coordonner le réseau depuis le pays de Forcalquier, en priorité vers les communes rurales du sud du département.",
    statut: "refusee",
    motifDecision:
      "Couverture du nord du département insuffisante et faisabilité financière fragile (fonds propres non garantis).",
    notes: { valeurs: [4, 3, 2, 3, 3, 3, 3, 2, 3], soumise: true },
  },
];

const RECRUTEMENT: ApplicationDemo[] = [
  {
    email: "direction@ubaye-jeunes.demo.pdn04.fr",
    structureNom: "Maison des jeunes de l'Ubaye",
    structureCommune: "Barcelonnette",
    contactNom: "Rémi Dalmas (démo)",
    personneProposee: "Léa Chabert (démo)",
    personneFonction: "Animatrice jeunesse",
    projet:
      "Une présence en ligne deux soirs par semaine pour les jeunes de la vallée, loin des services : information sur les transports, l'orientation et les saisonniers.",
    statut: "recevable",
    notes: { valeurs: [4, 5], soumise: false },
  },
];

/** The proposed budget of the coordination applications: the demo convention's (rules kept). */
const BUDGET_PROPOSE = {
  charges: {
    personnel_coordination: 3_020_000,
    deplacements: 480_000,
    communication: 250_000,
    formation_supervision: 300_000,
    equipement: 150_000,
    frais_structure: 350_000,
  },
  produits: { caf: 3_640_000, msa: 250_000, fonds_propres: 660_000 },
  etpCentiemes: 50,
};

async function stockerPdf(texte: string): Promise<{ cle: string; taille: number; sha256: string }> {
  const ecrit = await getStockage().ecrire(Readable.from([pdfMinimal(texte)]), { maxOctets: 1024 * 1024 });
  if (!ecrit.ok) throw new Error("demo document too large");
  return ecrit;
}

function reponsesOui(modele: ModeleAppel): Record<string, boolean> {
  return Object.fromEntries(modele.questions.map((q) => [q.code, true]));
}

export async function seedDemoAppels(tx: Executor, coordinateurId: string | null, now: Date): Promise<boolean> {
  const [marker] = await tx.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, DEMO_APPELS_MARKER));
  if (marker) return false;

  const [passwordSource] = await tx
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.email, "coordination@demo.pdn04.fr"));
  const [evaluateur] = await tx
    .insert(users)
    .values({ email: DEMO_EVALUATEUR.email, nom: DEMO_EVALUATEUR.nom, passwordHash: passwordSource?.hash ?? null })
    .onConflictDoNothing()
    .returning({ id: users.id });
  const evaluateurId =
    evaluateur?.id ??
    (await tx.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EVALUATEUR.email)))[0]?.id;
  if (!evaluateurId) throw new Error("demo reviewer missing");
  await tx
    .insert(userRoles)
    .values({ userId: evaluateurId, role: "evaluateur", departement: DEPARTEMENT })
    .onConflictDoNothing();

  const aujourdhui: JourCivil = jourParis(now);
  await creerAppel(tx, {
    modele: MODELE_COORDINATION,
    slug: "coordination-2025-2026",
    titre: "Coordination départementale Promeneurs du Net 2025–2026",
    ouvertureLe: instantParis({ annee: 2024, mois: 9, jour: 2 }, 9),
    clotureLe: new Date(instantParis({ annee: 2024, mois: 11, jour: 1 }, 0).getTime() - 1000),
    decisionLe: instantParis({ annee: 2024, mois: 12, jour: 6 }, 14),
    applications: COORDINATION,
    evaluateurId,
    coordinateurId,
    now,
  });
  await creerAppel(tx, {
    modele: MODELE_RECRUTEMENT,
    slug: DEMO_APPEL_RECRUTEMENT,
    titre: "Devenir promeneur du Net — appel aux structures",
    ouvertureLe: instantParis(ajouterJours(aujourdhui, -14), 9),
    clotureLe: new Date(instantParis(ajouterJours(aujourdhui, 43), 0).getTime() - 1000),
    decisionLe: instantParis(ajouterJours(aujourdhui, 60), 14),
    applications: RECRUTEMENT,
    evaluateurId,
    coordinateurId,
    now,
  });

  await tx.insert(appMeta).values({ key: DEMO_APPELS_MARKER, value: now.toISOString() });
  await recordAudit(tx, DEMO, { action: "demo.appels", entityType: "demo", departement: DEPARTEMENT });
  return true;
}

async function creerAppel(
  tx: Executor,
  input: {
    modele: ModeleAppel;
    slug: string;
    titre: string;
    ouvertureLe: Date;
    clotureLe: Date;
    decisionLe: Date;
    applications: ApplicationDemo[];
    evaluateurId: string;
    coordinateurId: string | null;
    now: Date;
  },
): Promise<void> {
  const { modele, now } = input;
  const [appel] = await tx
    .insert(appels)
    .values({
      departement: DEPARTEMENT,
      type: modele.type,
      slug: input.slug,
      titre: input.titre,
      description: modele.description,
      ouvertureLe: input.ouvertureLe,
      clotureLe: input.clotureLe,
      decisionLe: input.decisionLe,
      documents: modele.documents,
      questions: modele.questions,
      criteres: modele.criteres,
      budgetPropose: modele.budgetPropose,
      publieLe: input.ouvertureLe,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: appels.id });
  if (!appel) throw new Error("demo call not inserted");
  await tx.insert(appelEvaluateurs).values({ appelId: appel.id, userId: input.evaluateurId });

  const deposeeLe = new Date(input.clotureLe.getTime() - 5 * 86_400_000);
  const deposee = deposeeLe.getTime() < now.getTime() ? deposeeLe : new Date(now.getTime() - 2 * 86_400_000);
  for (const app of input.applications) {
    const [candidat] = await tx
      .insert(candidats)
      .values({ email: app.email, createdAt: deposee })
      .onConflictDoUpdate({ target: candidats.email, set: { email: app.email } })
      .returning({ id: candidats.id });
    if (!candidat) throw new Error("demo applicant not inserted");
    const decidee = app.statut === "retenue" || app.statut === "refusee";
    const [candidature] = await tx
      .insert(candidatures)
      .values({
        appelId: appel.id,
        departement: DEPARTEMENT,
        candidatId: candidat.id,
        statut: app.statut,
        structureNom: app.structureNom,
        structureCommune: app.structureCommune,
        contactNom: app.contactNom,
        contactTelephone: "04 92 00 00 00",
        personneProposee: app.personneProposee,
        personneFonction: app.personneFonction,
        projet: app.projet,
        reponses: reponsesOui(modele),
        budget: modele.budgetPropose ? BUDGET_PROPOSE : null,
        deposeeLe: deposee,
        verifieeLe: app.statut === "deposee" ? null : deposee,
        verifieePar: app.statut === "deposee" ? null : input.coordinateurId,
        decideeLe: decidee ? input.decisionLe : null,
        decideePar: decidee ? input.coordinateurId : null,
        motifDecision: app.motifDecision ?? null,
        createdAt: deposee,
        updatedAt: deposee,
      })
      .returning({ id: candidatures.id });
    if (!candidature) throw new Error("demo application not inserted");
    for (const document of modele.documents.filter((d) => d.obligatoire)) {
      const stocke = await stockerPdf(`${document.libelle} - ${app.structureNom} (demo)`);
      await tx.insert(candidaturePieces).values({
        candidatureId: candidature.id,
        documentCode: document.code,
        nom: `${document.code}.pdf`,
        typeMime: "application/pdf",
        taille: stocke.taille,
        sha256: stocke.sha256,
        cle: stocke.cle,
        createdAt: deposee,
      });
    }
    if (app.notes) {
      await tx.insert(evaluations).values({
        candidatureId: candidature.id,
        evaluateurId: input.evaluateurId,
        attribueeLe: deposee,
        soumiseLe: app.notes.soumise ? deposee : null,
        updatedAt: deposee,
      });
      const notes = app.notes.valeurs.flatMap((note, i) => {
        const critere = modele.criteres[i];
        return critere ? [{ critereCode: critere.code, note }] : [];
      });
      await tx.insert(evaluationNotes).values(
        notes.map((n) => ({
          candidatureId: candidature.id,
          evaluateurId: input.evaluateurId,
          critereCode: n.critereCode,
          note: n.note,
          commentaire: n.note >= 4 ? "Point fort du dossier." : "À préciser lors de l'audition.",
        })),
      );
    }
  }
}
