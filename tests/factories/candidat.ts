/**
 * Published calls and applicants for the applicants' tests (issue 9): a call inserted as a row
 * (the coordinator's pages create them), an applicant with an open session (the link flow is
 * tested on its own), and the bytes of a few file types.
 */
import { appels, candidatSessions, candidats } from "@db/schema";
import type { DocumentRequis, QuestionEligibilite } from "~/domain/appels/appel.modeles";
import { candidatCookieName } from "~/domain/appels/candidat.server";
import { createToken } from "~/domain/comptes/tokens.server";
import type { Executor } from "~/server/db.server";

let sequence = 0;

export const DOCUMENTS_ESSAI: DocumentRequis[] = [
  { code: "dossier", libelle: "Dossier de candidature", obligatoire: true, familles: ["pdf"], tailleMaxMo: 10 },
  {
    code: "annexes",
    libelle: "Annexes",
    obligatoire: false,
    familles: ["pdf", "image", "bureautique"],
    tailleMaxMo: 2,
  },
];

export const QUESTIONS_ESSAI: QuestionEligibilite[] = [
  { code: "implantee", question: "La structure est-elle implantée dans le département ?", eliminatoire: true },
  { code: "reseau", question: "La structure travaille-t-elle en réseau ?", eliminatoire: false },
];

export async function insertAppelPublie(
  db: Executor,
  input: { ouvertureLe?: Date; clotureLe?: Date; budgetPropose?: boolean; publie?: boolean; departement?: string } = {},
) {
  sequence += 1;
  const maintenant = Date.now();
  const [row] = await db
    .insert(appels)
    .values({
      departement: input.departement ?? "04",
      type: "coordination",
      slug: `appel-candidat-${sequence}-${maintenant}`,
      titre: `Appel d'essai ${sequence}`,
      description: "## Le contexte\n\nUn appel **pour les essais**. <script>alert(1)</script>",
      ouvertureLe: input.ouvertureLe ?? new Date(maintenant - 86_400_000),
      clotureLe: input.clotureLe ?? new Date(maintenant + 30 * 86_400_000),
      decisionLe: null,
      documents: DOCUMENTS_ESSAI,
      questions: QUESTIONS_ESSAI,
      criteres: [{ code: "enjeux", libelle: "Compréhension des enjeux", poids: 2 }],
      budgetPropose: input.budgetPropose ?? false,
      publieLe: input.publie === false ? null : new Date(maintenant - 2 * 86_400_000),
    })
    .returning();
  if (!row) throw new Error("appel not inserted");
  return row;
}

/** An applicant with a live session: their row, their session's token and the Cookie header. */
export async function insertCandidatConnecte(db: Executor, now = new Date()) {
  sequence += 1;
  const email = `candidat${sequence}-${Date.now()}@structure.example`;
  const [candidat] = await db.insert(candidats).values({ email }).returning();
  if (!candidat) throw new Error("candidat not inserted");
  const { token, hash } = createToken();
  await db
    .insert(candidatSessions)
    .values({ id: hash, candidatId: candidat.id, expiresAt: new Date(now.getTime() + 86_400_000) });
  return {
    candidat,
    connecte: { sessionId: hash, candidatId: candidat.id, email },
    token,
    cookie: `${candidatCookieName(false)}=${token}`,
  };
}

/** The smallest file `file-type` reads as a PDF. */
export const PDF_ESSAI = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

/** A plain text file (named `.pdf` by the tests). */
export const TEXTE_ESSAI = Buffer.from("Ceci n'est pas un PDF, seulement du texte.\n".repeat(20));
