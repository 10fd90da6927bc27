import { type FieldMetadata, getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, href, redirect } from "react-router";
import {
  type FamilleFichier,
  familleFichierLabels,
  type StatutCandidature,
  statutCandidatureLabels,
} from "~/domain/appels/appel.labels";
import type { Appel } from "~/domain/appels/appel.queries.server";
import { etatAppel, refusFichier } from "~/domain/appels/appel.rules";
import { CODES_CHARGES, CODES_PRODUITS, lireBudgetPropose } from "~/domain/appels/budget-propose";
import {
  type CandidatConnecte,
  cookieFinSessionCandidat,
  fermerSessionCandidat,
  getCandidatConnecte,
} from "~/domain/appels/candidat.server";
import {
  ajouterPiece,
  DepotRefuse,
  deposerCandidature,
  enregistrerCandidature,
  ouvrirCandidature,
  retirerPiece,
} from "~/domain/appels/candidature.commands.server";
import {
  findPiecesDeCandidature,
  getAppelPublie,
  getCandidatureDuCandidat,
} from "~/domain/appels/candidature.queries.server";
import { verifierDepot } from "~/domain/appels/candidature.rules";
import {
  CHAMP_DOCUMENT,
  CHAMP_ETP,
  CHAMP_FICHIER,
  CHAMP_VERSION,
  CHAMPS_TEXTE,
  candidatureSchema,
  champCharge,
  champProduit,
  champReponse,
  INTENTS,
  NOMS_CHAMPS_TEXTE,
  PROJET_MAX,
  saisieDepuisFormulaire,
} from "~/domain/appels/candidature.schema";
import { LIGNES_CHARGES, LIGNES_PRODUITS } from "~/domain/budget/budget.labels";
import { saisieMontant } from "~/domain/budget/montant";
import { formatDateTime, formatNumber } from "~/lib/format";
import { isUuid } from "~/lib/text";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { isMultipart, lireEnvoi } from "~/server/envoi-fichier.server";
import { Invalid, notFound } from "~/server/errors.server";
import { sendMails } from "~/server/mail.server";
import { requestId, setFlash } from "~/server/request.server";
import { isSecureRequest } from "~/server/root-middleware.server";
import {
  BudgetProposeTableaux,
  type CandidatureLue,
  ChampsCandidature,
  ReponsesEligibilite,
} from "~/ui/appels/candidature-lue";
import { ListeRegles } from "~/ui/budget/liste-regles";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors } from "~/ui/field";
import type { Route } from "./+types/appels.$slug.candidature";

const NO_STORE = { "Cache-Control": "private, no-store" };
const MIO = 1024 * 1024;

/** What a file input offers to pick (a hint to the browser: the bytes are checked on the server). */
const ACCEPT: Record<FamilleFichier, string> = {
  pdf: ".pdf,application/pdf",
  image: ".jpg,.jpeg,.png,image/jpeg,image/png",
  bureautique: ".docx,.xlsx,.odt,.ods",
};

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Ma candidature${loaderData ? ` – ${loaderData.appel.titre}` : ""} – Promeneurs du Net` },
  { name: "robots", content: "noindex" },
];

export const headers: Route.HeadersFunction = ({ actionHeaders }) => {
  const h = new Headers(NO_STORE);
  const connection = actionHeaders.get("Connection");
  if (connection) h.set("Connection", connection);
  return h;
};

/** The applicant of this request, or back to the call's page to ask for a link. */
async function requireCandidat(request: Request, slug: string, now: Date, context: Route.LoaderArgs["context"]) {
  const candidat = await getCandidatConnecte(getDb(), request, now);
  if (candidat) return candidat;
  setFlash(context, "Pour accéder à votre candidature, demandez un lien de connexion avec votre adresse e-mail.");
  throw redirect(`${href("/appels/:slug", { slug })}#candidater`);
}

function adresse(appel: Pick<Appel, "slug">): string {
  return href("/appels/:slug/candidature", { slug: appel.slug });
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const now = new Date();
  const db = getDb();
  const appel = await getAppelPublie(db, getEnv().DEFAULT_DEPARTEMENT, params.slug);
  const candidat = await requireCandidat(request, appel.slug, now, context);
  const candidature = await ouvrirCandidature({ db, now, requestId: requestId(context) }, candidat, appel);
  const etat = etatAppel(appel, now);
  const vue = {
    appel: {
      slug: appel.slug,
      titre: appel.titre,
      clotureLe: appel.clotureLe.toISOString(),
      decisionLe: appel.decisionLe?.toISOString() ?? null,
      documents: appel.documents.map((d) => ({
        code: d.code,
        libelle: d.libelle,
        obligatoire: d.obligatoire,
        types: d.familles.map((f) => familleFichierLabels[f]).join(", "),
        accept: d.familles.map((f) => ACCEPT[f]).join(","),
        tailleMaxMo: d.tailleMaxMo,
      })),
      questions: appel.questions,
      budgetPropose: appel.budgetPropose,
    },
    etat,
    email: candidat.email,
  };
  if (!candidature) return data({ ...vue, candidature: null, pieces: [], verification: null }, { headers: NO_STORE });
  const pieces = await findPiecesDeCandidature(db, candidature.id);
  const verification = verifierDepot({
    appel,
    candidature,
    documentsFournis: new Set(pieces.map((p) => p.documentCode)),
    maintenant: now,
  });
  const valeurs: Record<string, string> = Object.fromEntries(NOMS_CHAMPS_TEXTE.map((c) => [c, candidature[c]]));
  for (const q of appel.questions) {
    const r = candidature.reponses[q.code];
    if (r !== undefined) valeurs[champReponse(q.code)] = r ? "oui" : "non";
  }
  if (candidature.budget) {
    for (const c of CODES_CHARGES) valeurs[champCharge(c)] = saisieMontant(candidature.budget.charges[c] ?? 0);
    for (const c of CODES_PRODUITS) valeurs[champProduit(c)] = saisieMontant(candidature.budget.produits[c] ?? 0);
    const { etpCentiemes } = candidature.budget;
    valeurs[CHAMP_ETP] = etpCentiemes === null ? "" : formatNumber(etpCentiemes / 100);
  }
  return data(
    {
      ...vue,
      candidature: {
        statut: candidature.statut,
        version: candidature.version,
        deposeeLe: candidature.deposeeLe?.toISOString() ?? null,
        valeurs,
        champs: Object.fromEntries(NOMS_CHAMPS_TEXTE.map((c) => [c, candidature[c]])) as CandidatureLue,
        questions: appel.questions.map((q) => ({ ...q, reponse: candidature.reponses[q.code] ?? null })),
        budget: candidature.budget ? lireBudgetPropose(candidature.budget) : null,
      },
      pieces: pieces.map((p) => ({
        id: p.id,
        documentCode: p.documentCode,
        nom: p.nom,
        taille: p.taille,
        createdAt: p.createdAt.toISOString(),
      })),
      verification: {
        champsManquants: verification.champsManquants,
        lignes: verification.completude.lignes.map((l) => ({ code: l.document.code, fourni: l.fourni })),
        sansReponse: verification.eligibilite.sansReponse.map((q) => q.code),
        budget: verification.budget,
        budgetManquant: verification.budgetManquant,
        motifs: verification.motifs,
        avertissements: verification.avertissements,
        peutDeposer: verification.peutDeposer,
      },
    },
    { headers: NO_STORE },
  );
}

type Ctx = { db: ReturnType<typeof getDb>; now: Date; requestId: string; context: Route.ActionArgs["context"] };

function refusPiece(documentCode: string, message: string, status: number, init: HeadersInit = {}) {
  return data(
    { piece: { document: documentCode, message }, formulaire: null },
    { status, headers: { ...NO_STORE, ...init } },
  );
}

/** The version a document's form was read at (none: the write does not check it). */
function versionLue(valeur: FormDataEntryValue | null | undefined): number | undefined {
  const version = Number(valeur);
  return Number.isInteger(version) ? version : undefined;
}

/**
 * A write of a document, then back to the documents with its flash message; a refusal is shown next
 * to the document's file input (409 for a stale form, else 400), nothing changed.
 */
async function ecrirePiece(ctx: Ctx, appel: Appel, documentCode: string, ecrire: () => Promise<string>) {
  try {
    setFlash(ctx.context, await ecrire());
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return refusPiece(documentCode, error.message, error.field === CHAMP_VERSION ? 409 : 400);
  }
  return redirect(`${adresse(appel)}#documents`);
}

/** An upload: streamed to the storage under the document's limit, then checked and kept. */
async function envoyerPiece(ctx: Ctx, candidat: CandidatConnecte, appel: Appel, request: Request) {
  const lue = await getCandidatureDuCandidat(ctx.db, candidat.candidatId, appel.id);
  if (!lue) notFound("Vous n'avez pas de candidature à cet appel.");
  const envoi = await lireEnvoi(request, {
    champFichier: CHAMP_FICHIER,
    maxOctets: (champs) => {
      if (champs.intent !== INTENTS.ajouterPiece) return null;
      const document = appel.documents.find((d) => d.code === champs[CHAMP_DOCUMENT]);
      return document ? document.tailleMaxMo * MIO : null;
    },
  });
  const documentCode = envoi.champs[CHAMP_DOCUMENT] ?? "";
  const document = appel.documents.find((d) => d.code === documentCode);
  if (!envoi.ok) {
    // The rest of the body is not read: the connection closes after the answer.
    const fermer = { Connection: "close" };
    if (envoi.raison === "trop_gros" && document) {
      const message = refusFichier(document, { typeMime: null, taille: (envoi.maxOctets ?? 0) + 1 }) ?? "";
      return refusPiece(documentCode, `${message} Rien n'a été enregistré.`, 413, fermer);
    }
    if (envoi.raison === "non_attendu") {
      return refusPiece(documentCode, "Ce document n'est pas demandé par l'appel : rechargez la page.", 400, fermer);
    }
    return refusPiece(
      documentCode,
      "L'envoi n'a pas pu être lu : recommencez avec le formulaire de la page.",
      400,
      fermer,
    );
  }
  const fichier = envoi.fichier;
  if (!fichier) return refusPiece(documentCode, "Choisissez un fichier à envoyer.", 400);
  return ecrirePiece(ctx, appel, documentCode, async () => {
    const { remplace } = await ajouterPiece(ctx, candidat, appel, {
      documentCode,
      version: versionLue(envoi.champs[CHAMP_VERSION]),
      fichier,
    });
    return `${document?.libelle ?? "Document"}\u00a0: fichier ${remplace ? "remplacé" : "enregistré"}.`;
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const now = new Date();
  const db = getDb();
  const appel = await getAppelPublie(db, getEnv().DEFAULT_DEPARTEMENT, params.slug);
  const candidat = await requireCandidat(request, appel.slug, now, context);
  const ctx = { db, now, requestId: requestId(context), context };
  if (isMultipart(request)) return envoyerPiece(ctx, candidat, appel, request);

  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === INTENTS.deconnexion) {
    await fermerSessionCandidat(db, candidat.sessionId);
    setFlash(context, "Vous êtes déconnecté(e). Votre candidature reste enregistrée.");
    return redirect(href("/appels/:slug", { slug: appel.slug }), {
      headers: { "Set-Cookie": cookieFinSessionCandidat(isSecureRequest(request)) },
    });
  }
  if (intent === INTENTS.retirerPiece) {
    const pieceId = String(form.get("pieceId") ?? "");
    if (!isUuid(pieceId)) notFound("Ce document n'est pas dans votre candidature.");
    return ecrirePiece(ctx, appel, String(form.get(CHAMP_DOCUMENT) ?? ""), async () => {
      await retirerPiece(ctx, candidat, appel, { pieceId, version: versionLue(form.get(CHAMP_VERSION)) });
      return "Le document est retiré de votre candidature.";
    });
  }

  const submission = parseWithZod(form, { schema: candidatureSchema(appel) });
  if (submission.status !== "success") {
    return data({ formulaire: submission.reply(), piece: null }, { status: 400, headers: NO_STORE });
  }
  const valeurs = submission.value as Record<string, unknown>;
  const saisie = saisieDepuisFormulaire(valeurs, appel);
  const version = valeurs[CHAMP_VERSION] as number;
  try {
    if (valeurs.intent === INTENTS.deposer) {
      const { mail } = await deposerCandidature(ctx, candidat, appel, saisie, version, getEnv().publicUrl);
      await sendMails([mail], { appel: appel.id });
      setFlash(context, "Votre candidature est déposée. Un e-mail de confirmation vient de vous être envoyé.");
    } else {
      await enregistrerCandidature(ctx, candidat, appel, saisie, version);
      setFlash(context, "Brouillon enregistré. Vous pouvez revenir le compléter jusqu'à la date limite.");
    }
  } catch (error) {
    if (error instanceof DepotRefuse) {
      return data(
        {
          formulaire: submission.reply({
            formErrors: ["La candidature n'est pas déposée, et rien n'a été enregistré :", ...error.motifs],
          }),
          piece: null,
        },
        { status: 400, headers: NO_STORE },
      );
    }
    if (error instanceof Invalid) {
      const reply =
        error.field === CHAMP_VERSION || error.field === ""
          ? submission.reply({ formErrors: [error.message] })
          : submission.reply({ fieldErrors: { [error.field]: [error.message] } });
      return data(
        { formulaire: reply, piece: null },
        { status: error.field === CHAMP_VERSION ? 409 : 400, headers: NO_STORE },
      );
    }
    throw error;
  }
  return redirect(adresse(appel));
}

type Champ = FieldMetadata<string | undefined, Record<string, unknown>, string[]>;

function Erreur({ field }: { field: Champ }) {
  return field.errors?.length ? (
    <p id={field.errorId} className="mt-1 text-sm font-semibold text-alerte-700">
      {field.errors.join(" ")}
    </p>
  ) : null;
}

function Texte({
  field,
  label,
  hint,
  ...attrs
}: { field: Champ; label: string; hint?: string } & Record<string, unknown>) {
  return (
    <Field
      id={field.id}
      label={label}
      hint={hint}
      descriptionId={field.descriptionId}
      errors={field.errors}
      errorId={field.errorId}
    >
      <input
        {...getInputProps(field, { type: "text", ariaDescribedBy: hint ? field.descriptionId : undefined })}
        className="input w-full"
        {...attrs}
      />
    </Field>
  );
}

function Montant({ field, label }: { field: Champ; label: string }) {
  return (
    <tr>
      <th scope="row" className="py-1 pr-4 text-left font-normal">
        <label htmlFor={field.id}>{label}</label>
      </th>
      <td className="py-1">
        <input {...getInputProps(field, { type: "text" })} inputMode="decimal" className="input w-40 text-right" /> €
        <Erreur field={field} />
      </td>
    </tr>
  );
}

type LoaderData = Route.ComponentProps["loaderData"];

function Resume({ loaderData }: { loaderData: LoaderData }) {
  const { candidature, appel, pieces } = loaderData;
  if (!candidature) return null;
  return (
    <section aria-labelledby="titre-resume" className="mt-6">
      <h2 id="titre-resume">Votre candidature déposée</h2>
      <ChampsCandidature candidature={candidature.champs} />
      {candidature.questions.length > 0 ? (
        <>
          <h3 className="mt-4 font-semibold">Éligibilité</h3>
          <ReponsesEligibilite questions={candidature.questions} />
        </>
      ) : null}
      {candidature.budget ? (
        <>
          <h3 className="mt-4 font-semibold">Budget prévisionnel annuel</h3>
          <BudgetProposeTableaux budget={candidature.budget} />
        </>
      ) : null}
      <h3 className="mt-4">Documents joints</h3>
      <ListePieces appel={appel} pieces={pieces} />
    </section>
  );
}

function ListePieces({
  appel,
  pieces,
  modifiable = false,
  version = 0,
  erreur = null,
}: {
  appel: LoaderData["appel"];
  pieces: LoaderData["pieces"];
  modifiable?: boolean;
  version?: number;
  erreur?: { document: string; message: string } | null;
}) {
  const base = href("/appels/:slug/candidature", { slug: appel.slug });
  return (
    <ul className="mt-2 space-y-4">
      {appel.documents.map((d) => {
        const piece = pieces.find((p) => p.documentCode === d.code);
        const idFichier = `fichier-${d.code}`;
        const idErreur = `erreur-${d.code}`;
        const idAide = `aide-${d.code}`;
        const enErreur = erreur?.document === d.code;
        return (
          <li key={d.code} className="rounded-md border border-slate-300 px-4 py-3">
            <p className="font-semibold">
              {d.libelle} <span className="font-normal">({d.obligatoire ? "obligatoire" : "facultatif"})</span>
            </p>
            {piece ? (
              <p>
                Fourni&nbsp;:{" "}
                <a href={`${base}/pieces/${piece.id}`} download>
                  {piece.nom}
                </a>{" "}
                ({formatNumber(Math.ceil(piece.taille / 1024))}&nbsp;Ko, le {formatDateTime(piece.createdAt)})
              </p>
            ) : (
              <p>Pas encore fourni.</p>
            )}
            {modifiable ? (
              <>
                <Form method="post" encType="multipart/form-data" action={base} className="mt-2">
                  <CsrfInput />
                  <input type="hidden" name="intent" value={INTENTS.ajouterPiece} />
                  <input type="hidden" name={CHAMP_VERSION} value={version} />
                  <input type="hidden" name={CHAMP_DOCUMENT} value={d.code} />
                  <label htmlFor={idFichier} className="block">
                    {piece ? "Remplacer par un autre fichier" : "Choisir le fichier"}
                  </label>
                  <p id={idAide} className="text-sm text-slate-700">
                    {d.types}, {formatNumber(d.tailleMaxMo)}&nbsp;Mo au plus.
                  </p>
                  <input
                    id={idFichier}
                    type="file"
                    name={CHAMP_FICHIER}
                    accept={d.accept}
                    required
                    aria-describedby={enErreur ? `${idAide} ${idErreur}` : idAide}
                    aria-invalid={enErreur || undefined}
                  />
                  {enErreur ? (
                    <p id={idErreur} className="mt-1 text-sm font-semibold text-alerte-700">
                      {erreur?.message}
                    </p>
                  ) : null}
                  <button type="submit" className="btn mt-2">
                    {piece ? "Remplacer le fichier" : "Envoyer le fichier"}
                  </button>
                </Form>
                {piece ? (
                  <Form method="post" action={base} className="mt-2">
                    <CsrfInput />
                    <input type="hidden" name="intent" value={INTENTS.retirerPiece} />
                    <input type="hidden" name={CHAMP_VERSION} value={version} />
                    <input type="hidden" name={CHAMP_DOCUMENT} value={d.code} />
                    <input type="hidden" name="pieceId" value={piece.id} />
                    <button type="submit" className="btn-secondary">
                      Retirer ce fichier
                    </button>
                  </Form>
                ) : null}
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export default function CandidaturePage({ loaderData, actionData }: Route.ComponentProps) {
  const { appel, candidature, etat, email } = loaderData;
  const resultat = actionData && "formulaire" in actionData ? actionData.formulaire : null;
  const erreurPiece = actionData && "piece" in actionData ? actionData.piece : null;
  const [form, fields] = useForm<Record<string, string>>({
    lastResult: resultat ?? undefined,
    defaultValue: candidature?.valeurs ?? {},
  });
  const champ = (nom: string) => fields[nom] as unknown as Champ;
  const appelHref = href("/appels/:slug", { slug: appel.slug });

  const deconnexion = (
    <Form method="post" className="mt-2">
      <CsrfInput />
      <input type="hidden" name="intent" value={INTENTS.deconnexion} />
      <p className="text-sm">
        Connecté(e) avec l'adresse {email}.{" "}
        <button type="submit" className="btn-secondary">
          Se déconnecter
        </button>
      </p>
    </Form>
  );

  if (!candidature) {
    return (
      <div className="max-w-3xl">
        <h1>Ma candidature</h1>
        <p className="mt-1">{appel.titre}</p>
        {deconnexion}
        <p className="mt-4" role="alert">
          {etat === "clos"
            ? `L'appel est clos depuis le ${formatDateTime(appel.clotureLe)} et vous n'y avez pas de candidature : il n'est plus possible d'en créer une.`
            : "Cet appel n'est pas encore ouvert : revenez à partir de sa date d'ouverture."}
        </p>
        <p className="mt-4">
          <a href={appelHref}>Retour à l'appel</a>
        </p>
      </div>
    );
  }

  const { verification, pieces } = loaderData;
  const modifiable = candidature.statut === "brouillon" && etat === "ouvert";

  if (!modifiable) {
    return (
      <div className="max-w-3xl">
        <h1>Ma candidature</h1>
        <p className="mt-1">
          <a href={appelHref}>{appel.titre}</a>
        </p>
        {deconnexion}
        <p className="mt-4 rounded-md border border-slate-300 bg-slate-50 px-4 py-3">
          Statut&nbsp;: <strong>{statutCandidatureLabels[candidature.statut as StatutCandidature]}</strong>
          {candidature.deposeeLe ? <> — déposée le {formatDateTime(candidature.deposeeLe)}</> : null}.{" "}
          {candidature.statut === "brouillon"
            ? `L'appel est clos depuis le ${formatDateTime(appel.clotureLe)} : cette candidature n'a pas été déposée et ne peut plus l'être.`
            : "Une candidature déposée ne peut plus être modifiée."}
          {appel.decisionLe && candidature.statut !== "brouillon"
            ? ` La décision est attendue vers le ${formatDateTime(appel.decisionLe)} et vous sera envoyée par e-mail.`
            : ""}
        </p>
        <Resume loaderData={loaderData} />
      </div>
    );
  }

  return (
    <div className="max-w-3xl">
      <h1>Ma candidature</h1>
      <p className="mt-1">
        <a href={appelHref}>{appel.titre}</a> — candidatures jusqu'au{" "}
        <time dateTime={appel.clotureLe}>{formatDateTime(appel.clotureLe)}</time>.
      </p>
      {deconnexion}
      <p className="mt-4">
        Remplissez le formulaire en une ou plusieurs fois&nbsp;: «&nbsp;Enregistrer le brouillon&nbsp;» garde ce que
        vous avez saisi. Joignez chaque document, puis déposez la candidature avant la date limite. Une fois déposée,
        elle ne peut plus être modifiée.
      </p>

      <section aria-labelledby="titre-liste" className="mt-6">
        <h2 id="titre-liste">Où en est votre candidature</h2>
        <ul className="mt-2 list-none space-y-1">
          {verification?.champsManquants.length ? (
            <li>✗ Champs à remplir&nbsp;: {verification.champsManquants.join(", ")}.</li>
          ) : (
            <li>✓ Tous les champs du formulaire sont remplis.</li>
          )}
          {appel.documents.map((d) => {
            const fourni = verification?.lignes.find((l) => l.code === d.code)?.fourni;
            return (
              <li key={d.code}>
                {fourni ? "✓" : d.obligatoire ? "✗" : "○"} {d.libelle}&nbsp;:{" "}
                {fourni ? "fourni" : d.obligatoire ? "manquant" : "facultatif, non fourni"}
              </li>
            );
          })}
          {appel.questions.length > 0 ? (
            verification?.sansReponse.length ? (
              <li>✗ Questions d'éligibilité sans réponse&nbsp;: {formatNumber(verification.sansReponse.length)}.</li>
            ) : (
              <li>✓ Toutes les questions d'éligibilité ont une réponse.</li>
            )
          ) : null}
          {verification?.budgetManquant ? <li>✗ Budget prévisionnel&nbsp;: à remplir.</li> : null}
        </ul>
        {verification?.budget ? (
          <ListeRegles verifications={verification.budget} titre="Règles de financement du budget prévisionnel" />
        ) : null}
        {verification?.avertissements.map((a) => (
          <p key={a} className="mt-2 rounded-md border border-amber-600 bg-amber-50 px-4 py-2">
            {a}
          </p>
        ))}
      </section>

      <section aria-labelledby="titre-formulaire" className="mt-6">
        <h2 id="titre-formulaire">Formulaire de candidature</h2>
        <Form method="post" className="mt-4" {...getFormProps(form)}>
          <CsrfInput />
          <input type="hidden" name={CHAMP_VERSION} value={candidature.version} />
          <FormErrors errors={form.errors} id={form.errorId} />

          <fieldset className="mb-4">
            <legend className="mb-2 text-lg font-semibold">La structure</legend>
            <Texte field={champ("structureNom")} label={CHAMPS_TEXTE.structureNom} autoComplete="organization" />
            <Texte
              field={champ("structureCommune")}
              label={CHAMPS_TEXTE.structureCommune}
              autoComplete="address-level2"
            />
            <Texte
              field={champ("structureSiret")}
              label={CHAMPS_TEXTE.structureSiret}
              hint="14 chiffres, par exemple 123 456 789 00012."
              inputMode="numeric"
            />
          </fieldset>

          <fieldset className="mb-4">
            <legend className="mb-2 text-lg font-semibold">Vous joindre</legend>
            <Texte field={champ("contactNom")} label={CHAMPS_TEXTE.contactNom} autoComplete="name" />
            <Texte
              field={champ("contactTelephone")}
              label={CHAMPS_TEXTE.contactTelephone}
              hint="Par exemple 04 92 30 00 00."
              autoComplete="tel"
              inputMode="tel"
            />
          </fieldset>

          <fieldset className="mb-4">
            <legend className="mb-2 text-lg font-semibold">La personne proposée</legend>
            <Texte field={champ("personneProposee")} label={CHAMPS_TEXTE.personneProposee} />
            <Texte field={champ("personneFonction")} label={CHAMPS_TEXTE.personneFonction} />
          </fieldset>

          <Field
            id={champ("projet").id}
            label={CHAMPS_TEXTE.projet}
            hint={`Le projet de la structure pour cet appel, ${formatNumber(PROJET_MAX)} caractères au plus. N'y mettez aucune information sur un jeune.`}
            descriptionId={champ("projet").descriptionId}
            errors={champ("projet").errors}
            errorId={champ("projet").errorId}
          >
            <textarea
              {...getTextareaProps(champ("projet"), { ariaDescribedBy: champ("projet").descriptionId })}
              rows={12}
              className="input w-full"
            />
          </Field>

          {appel.questions.length > 0 ? (
            <fieldset className="mb-4">
              <legend className="mb-2 text-lg font-semibold">Éligibilité</legend>
              {appel.questions.map((q) => {
                const f = champ(champReponse(q.code));
                const valeur = f.initialValue;
                const invalide = Boolean(f.errors?.length);
                return (
                  <fieldset key={q.code} className="mb-3" aria-describedby={invalide ? f.errorId : undefined}>
                    <legend>
                      {q.question}
                      {q.eliminatoire ? " (condition éliminatoire)" : ""}
                    </legend>
                    {(["oui", "non"] as const).map((option) => (
                      <span key={option} className="mr-4 inline-flex items-center gap-2">
                        <input
                          type="radio"
                          id={`${f.id}-${option}`}
                          name={f.name}
                          value={option}
                          defaultChecked={valeur === option}
                          aria-invalid={invalide || undefined}
                        />
                        <label htmlFor={`${f.id}-${option}`}>{option === "oui" ? "Oui" : "Non"}</label>
                      </span>
                    ))}
                    <Erreur field={f} />
                  </fieldset>
                );
              })}
            </fieldset>
          ) : null}

          {appel.budgetPropose ? (
            <fieldset className="mb-4">
              <legend className="mb-2 text-lg font-semibold">Budget prévisionnel annuel</legend>
              <p className="mb-2 text-sm text-slate-700">
                Montants en euros, par exemple 2 500,50. La CAF finance 80&nbsp;% du budget au plus, la MSA 2 500&nbsp;€
                par an au plus&nbsp;; le budget est équilibré (produits = charges) et le coordinateur ou la
                coordinatrice y consacre 0,5&nbsp;ETP.
              </p>
              <table>
                <caption className="text-left font-semibold">Charges</caption>
                <tbody>
                  {CODES_CHARGES.map((c) => (
                    <Montant key={c} field={champ(champCharge(c))} label={LIGNES_CHARGES[c]} />
                  ))}
                </tbody>
              </table>
              <table className="mt-4">
                <caption className="text-left font-semibold">Produits</caption>
                <tbody>
                  {CODES_PRODUITS.map((c) => (
                    <Montant key={c} field={champ(champProduit(c))} label={LIGNES_PRODUITS[c]} />
                  ))}
                </tbody>
              </table>
              <div className="mt-4">
                <Texte
                  field={champ(CHAMP_ETP)}
                  label="Temps du coordinateur ou de la coordinatrice (en ETP)"
                  hint="Par exemple 0,5 pour un mi-temps."
                  inputMode="decimal"
                />
              </div>
            </fieldset>
          ) : null}

          <div className="flex flex-wrap gap-4">
            <button type="submit" name="intent" value={INTENTS.enregistrer} className="btn-secondary">
              Enregistrer le brouillon
            </button>
            <button type="submit" name="intent" value={INTENTS.deposer} className="btn">
              Déposer la candidature
            </button>
          </div>
          <p className="mt-2 text-sm text-slate-700">
            Le dépôt enregistre aussi ce formulaire. Il est refusé tant qu'un champ, un document obligatoire, une
            réponse{appel.budgetPropose ? " ou une règle du budget" : ""} manque.
          </p>
        </Form>
      </section>

      <section aria-labelledby="titre-documents" id="documents" className="mt-6">
        <h2 id="titre-documents">Documents</h2>
        <p className="mt-2 text-sm text-slate-700">
          Le type de chaque fichier est vérifié d'après son contenu, pas d'après son nom. Envoyer un nouveau fichier
          remplace le précédent.
        </p>
        <ListePieces appel={appel} pieces={pieces} modifiable version={candidature.version} erreur={erreurPiece} />
      </section>
    </div>
  );
}
