import { data, Form, redirect } from "react-router";
import { can } from "~/domain/comptes/policy";
import {
  COLONNES,
  IMPORT_KINDS,
  IMPORT_MAX_LIGNES,
  IMPORT_MAX_OCTETS,
  type ImportKind,
  importKindLabels,
  isImportKind,
} from "~/domain/import/import.columns";
import type { ImportErreur } from "~/domain/import/import.rules";
import { applyImport, type ImportCounts, previewImport } from "~/domain/import/import.server";
import { formatNumber, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { cleanFileName, fileFrom } from "~/server/fichiers.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { DataTable } from "~/ui/data-table";
import { ExportLinks } from "~/ui/export-links";
import { Field } from "~/ui/field";
import type { Route } from "./+types/import";

export const meta: Route.MetaFunction = () => [{ title: "Import et export du réseau – Promeneurs du Net" }];

/** Errors shown in the table at most (the total is always given). */
const ERREURS_AFFICHEES = 1_000;

type Resultat = {
  intent: "verifier" | "importer";
  kind: ImportKind;
  fichier: string;
  total: number;
  valides: number;
  lignesEnErreur: number;
  nombreErreurs: number;
  erreurs: ImportErreur[];
  avertissements: string[];
};

type ActionData = {
  kind: ImportKind | null;
  fieldErrors?: { kind?: string; fichier?: string };
  resultat?: Resultat;
};

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "reseau.importer");
  const departement = pickDepartement(actor, "reseau.importer", request);
  return { departement };
}

export async function action({ context, request }: Route.ActionArgs) {
  // The role is checked before the form is read; the département right after.
  const actor = requirePermission(context, request, "reseau.importer");
  const form = await request.formData();
  const departement = String(form.get("departement") ?? "");
  if (!can(actor, "reseau.importer", { departement })) notFound();

  const intent = form.get("intent") === "importer" ? "importer" : "verifier";
  const rawKind = form.get("kind");
  const kind = isImportKind(rawKind) ? rawKind : null;
  const file = fileFrom(form, "fichier");
  const fieldErrors: NonNullable<ActionData["fieldErrors"]> = {};
  if (!kind) fieldErrors.kind = "Choisissez le type de fichier : structures ou promeneurs.";
  if (!file) fieldErrors.fichier = "Choisissez le fichier CSV à vérifier ou à importer.";
  else if (file.size > IMPORT_MAX_OCTETS) {
    fieldErrors.fichier = `Le fichier dépasse ${IMPORT_MAX_OCTETS / 1024 / 1024} Mo : découpez-le en plusieurs fichiers.`;
  }
  if (!kind || !file || fieldErrors.fichier) {
    return data({ kind, fieldErrors } satisfies ActionData, { status: 400 });
  }

  const bytes = new Uint8Array(await file.arrayBuffer());
  const nom = cleanFileName(file.name, "import.csv");
  const db = getDb();
  const now = new Date();
  if (intent === "verifier") {
    const analyse = await previewImport(db, departement, kind, bytes, now);
    return { kind, resultat: resume(intent, kind, nom, analyse) } satisfies ActionData;
  }
  const outcome = await applyImport({ db, now, requestId: requestId(context) }, actor, departement, kind, bytes, nom);
  if (!outcome.ok) {
    return data({ kind, resultat: resume(intent, kind, nom, outcome.analyse) } satisfies ActionData, { status: 400 });
  }
  setFlash(context, `Import terminé : ${compte(outcome.counts)}.`);
  return redirect(`/espace/import?departement=${departement}`);
}

function resume(
  intent: Resultat["intent"],
  kind: ImportKind,
  fichier: string,
  analyse: { total: number; lignes: unknown[]; erreurs: ImportErreur[]; avertissements: string[] },
): Resultat {
  return {
    intent,
    kind,
    fichier,
    total: analyse.total,
    valides: analyse.lignes.length,
    // Data lines only: an error about the whole file (no line) or its header (line 1) is on none.
    lignesEnErreur: new Set(analyse.erreurs.flatMap((e) => (e.ligne !== null && e.ligne > 1 ? [e.ligne] : []))).size,
    nombreErreurs: analyse.erreurs.length,
    erreurs: analyse.erreurs.slice(0, ERREURS_AFFICHEES),
    avertissements: analyse.avertissements,
  };
}

function compte(counts: ImportCounts): string {
  if (counts.structures > 0) return `${plural(counts.structures, "structure ajoutée", "structures ajoutées")}`;
  const territoire = counts.territoires > 0 ? ` (${plural(counts.territoires, "territoire", "territoires")})` : "";
  return `${plural(counts.promeneurs, "promeneur ajouté", "promeneurs ajoutés")}${territoire}`;
}

export default function ImportPage({ loaderData, actionData }: Route.ComponentProps) {
  const { departement } = loaderData;
  const result = actionData as ActionData | undefined;
  const kindError = result?.fieldErrors?.kind;
  const fichierError = result?.fieldErrors?.fichier;
  return (
    <div>
      <h1>Import et export du réseau</h1>
      <p className="mt-1 text-slate-700">Département {departement}</p>

      <section aria-labelledby="exporter" className="mt-6">
        <h2 id="exporter">Exporter</h2>
        <p className="mt-1">
          Les exports ont exactement les colonnes de l'import : un export peut être corrigé dans un tableur puis
          réimporté. Ils contiennent des données personnelles de professionnels : chaque export est inscrit au journal.
        </p>
        {IMPORT_KINDS.map((kind) => (
          <div key={kind} className="mt-3">
            <h3 className="text-lg font-semibold">{importKindLabels[kind]}</h3>
            <ExportLinks liste={kind} departement={departement} />
          </div>
        ))}
      </section>

      <section aria-labelledby="importer" className="mt-8">
        <h2 id="importer">Importer un réseau existant</h2>
        <ol className="mt-2 list-decimal space-y-1 pl-6">
          <li>
            Importez d'abord le fichier des <strong>structures</strong>, puis celui des <strong>promeneurs</strong> : un
            promeneur est rattaché à une structure déjà enregistrée, désignée par son nom exact.
          </li>
          <li>
            Partez d'un modèle (la ligne d'en-tête et une ligne d'exemple à remplacer) :{" "}
            <a href="/espace/export/modele-structures">modèle des structures (CSV)</a> ·{" "}
            <a href="/espace/export/modele-promeneurs">modèle des promeneurs (CSV)</a>. Enregistrez le fichier au format
            CSV (séparateur point-virgule ou virgule, UTF-8 ou le format CSV d'Excel).
          </li>
          <li>
            Cliquez sur « Vérifier le fichier » : rien n'est enregistré, chaque problème est indiqué par son numéro de
            ligne (l'en-tête est la ligne 1, comme dans le tableur) et sa colonne.
          </li>
          <li>
            Corrigez le fichier, puis choisissez-le à nouveau et cliquez sur « Importer » (le navigateur ne garde pas le
            fichier d'un envoi à l'autre). L'import est tout ou rien : s'il reste une seule erreur, rien n'est
            enregistré.
          </li>
        </ol>
        <p className="mt-2 text-sm text-slate-700">
          Au plus {formatNumber(IMPORT_MAX_LIGNES)} lignes et {IMPORT_MAX_OCTETS / 1024 / 1024} Mo par fichier. Les
          promeneurs importés sont enregistrés comme proposés par vous ; aucun e-mail ne leur est envoyé : invitez-les
          ensuite depuis « Équipe et invitations ».
        </p>

        {result?.resultat ? <ResultatSection resultat={result.resultat} /> : null}

        <Form method="post" encType="multipart/form-data" className="mt-6 max-w-xl">
          <CsrfInput />
          <input type="hidden" name="departement" value={departement} />
          <fieldset
            className="mb-4"
            aria-describedby={kindError ? "kind-error" : undefined}
            aria-invalid={kindError ? true : undefined}
          >
            <legend className="mb-1 font-semibold">Type de fichier</legend>
            {IMPORT_KINDS.map((kind) => (
              <div key={kind} className="flex items-center gap-2">
                <input
                  type="radio"
                  id={`kind-${kind}`}
                  name="kind"
                  value={kind}
                  defaultChecked={(result?.kind ?? "structures") === kind}
                />
                <label htmlFor={`kind-${kind}`}>{importKindLabels[kind]}</label>
              </div>
            ))}
            {kindError ? (
              <p id="kind-error" className="mt-1 text-sm font-semibold text-alerte-700">
                {kindError}
              </p>
            ) : null}
          </fieldset>
          <Field
            id="fichier"
            label="Fichier CSV"
            hint="Fichier .csv, au plus 2 Mo."
            descriptionId="fichier-aide"
            errors={fichierError ? [fichierError] : undefined}
            errorId="fichier-error"
          >
            <input
              type="file"
              id="fichier"
              name="fichier"
              accept=".csv,text/csv"
              className="input"
              aria-invalid={fichierError ? true : undefined}
              aria-describedby={fichierError ? "fichier-aide fichier-error" : "fichier-aide"}
            />
          </Field>
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="intent" value="verifier" className="btn-secondary">
              Vérifier le fichier
            </button>
            <button type="submit" name="intent" value="importer" className="btn">
              Importer
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="colonnes" className="mt-10">
        <h2 id="colonnes">Colonnes des fichiers</h2>
        <p className="mt-1">
          Les noms de colonnes sont reconnus sans tenir compte des majuscules ni des accents (« Code postal » ou «
          code_postal »), dans n'importe quel ordre ; une colonne inconnue est ignorée. Une colonne marquée obligatoire
          doit figurer dans l'en-tête et être remplie sur chaque ligne.
        </p>
        {IMPORT_KINDS.map((kind) => (
          <div key={kind} className="mt-6">
            <h3 className="text-lg font-semibold">Fichier des {importKindLabels[kind].toLowerCase()}</h3>
            <DataTable
              className="mt-2"
              caption={`Colonnes du fichier des ${importKindLabels[kind].toLowerCase()}`}
              captionHidden
              rows={[...COLONNES[kind]]}
              rowKey={(c) => c.nom}
              columns={[
                { header: "Colonne", cell: (c) => <code>{c.nom}</code> },
                { header: "Obligatoire", cell: (c) => (c.requis ? "oui" : "non") },
                { header: "Contenu attendu", cell: (c) => c.format },
                { header: "Exemple", cell: (c) => (c.exemple ? <code>{c.exemple}</code> : "–") },
              ]}
            />
          </div>
        ))}
      </section>
    </div>
  );
}

function ResultatSection({ resultat }: { resultat: Resultat }) {
  const ok = resultat.nombreErreurs === 0;
  const titre = resultat.intent === "verifier" ? "Résultat de la vérification" : "Import refusé";
  return (
    <section aria-labelledby="resultat" className="mt-6">
      <h3 id="resultat" className="text-lg font-semibold">
        {titre}
      </h3>
      <div
        role={ok ? "status" : "alert"}
        className={`mt-2 rounded-md border px-4 py-3 ${ok ? "border-pdn-700 bg-pdn-50" : "border-alerte-700 bg-red-50 text-alerte-700"}`}
      >
        <p>
          Fichier « {resultat.fichier} » ({importKindLabels[resultat.kind].toLowerCase()}) :{" "}
          {plural(resultat.total, "ligne")} de données, {plural(resultat.valides, "ligne valide", "lignes valides")}.
        </p>
        {ok ? (
          <p className="mt-1">
            Aucune erreur : choisissez à nouveau ce fichier et cliquez sur « Importer » pour l'enregistrer.
          </p>
        ) : (
          <p className="mt-1 font-semibold">
            {plural(resultat.nombreErreurs, "erreur")}
            {resultat.lignesEnErreur > 0 ? ` sur ${plural(resultat.lignesEnErreur, "ligne")}` : ""} : rien n'a été
            enregistré. Corrigez le fichier puis envoyez-le à nouveau.
          </p>
        )}
      </div>
      {resultat.avertissements.length > 0 ? (
        <ul className="mt-2 list-disc pl-6 text-sm">
          {resultat.avertissements.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      ) : null}
      {resultat.erreurs.length > 0 ? (
        <>
          <DataTable
            className="mt-3"
            caption="Erreurs trouvées, par ligne et par colonne"
            rows={resultat.erreurs.map((e, index) => ({ ...e, index }))}
            rowKey={(e) => e.index}
            columns={[
              { header: "Ligne", cell: (e) => (e.ligne === null ? "fichier" : String(e.ligne)), align: "right" },
              { header: "Colonne", cell: (e) => (e.colonne ? <code>{e.colonne}</code> : "–") },
              { header: "Problème", cell: (e) => e.message },
            ]}
          />
          {resultat.nombreErreurs > resultat.erreurs.length ? (
            <p className="mt-2 text-sm">
              Seules les {formatNumber(resultat.erreurs.length)} premières erreurs sont affichées sur{" "}
              {formatNumber(resultat.nombreErreurs)}.
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
