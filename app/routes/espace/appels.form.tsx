import { Form } from "react-router";
import { FAMILLES_FICHIER, type FamilleFichier, typeAppelLabels } from "~/domain/appels/appel.labels";
import {
  CHAMP_FORMULAIRE,
  CHAMP_VERSION,
  champLigne,
  DESCRIPTION_MAX,
  type Erreurs,
  type FormulaireAppel,
  LIBELLE_MAX,
  LIGNES_VIDES_MAX,
  POIDS_MAX,
  POIDS_MIN,
  SLUG_MAX,
  TAILLE_MAX_MO,
  TITRE_MAX,
} from "~/domain/appels/appel.schema";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors } from "~/ui/field";
import { Champ } from "./comites.form";

/** What the call form's action answers: the values typed again, and the French errors by field. */
export type RetourAppel = { formulaire: FormulaireAppel; erreurs: Erreurs };

const FAMILLES_COURTES: Record<FamilleFichier, string> = { pdf: "PDF", image: "Image", bureautique: "Bureautique" };

function Erreur({ id, erreurs }: { id: string; erreurs: string[] | undefined }) {
  if (!erreurs?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm font-semibold text-alerte-700">
      {erreurs.join(" ")}
    </p>
  );
}

/** A row's input, labelled for screen readers, its error right below. */
function CelluleSaisie({
  nom,
  libelle,
  erreurs,
  ...input
}: { nom: string; libelle: string; erreurs: Erreurs } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  "id" | "name"
>) {
  const e = erreurs[nom];
  const id = nom.replaceAll(".", "-");
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {libelle}
      </label>
      <input
        {...input}
        id={id}
        name={nom}
        {...(e ? { "aria-invalid": true as const, "aria-describedby": `${id}-erreur` } : {})}
      />
      <Erreur id={`${id}-erreur`} erreurs={e} />
    </>
  );
}

/**
 * One list of the call (documents, questions or criteria) as a table of numbered rows, its
 * list-wide error above; the last column is each saved row's « retirer » box.
 */
function ListeLignes({
  liste,
  titre,
  aide,
  colonnes,
  erreurs,
  children,
}: {
  liste: string;
  titre: string;
  aide?: React.ReactNode;
  colonnes: string[];
  erreurs: Erreurs;
  children: React.ReactNode;
}) {
  return (
    <fieldset className="mt-6">
      <legend className="text-lg font-semibold">{titre}</legend>
      {aide ? <p className="text-sm text-slate-700">{aide}</p> : null}
      <Erreur id={`${liste}-erreur`} erreurs={erreurs[liste]} />
      <div className="mt-2 overflow-x-auto">
        <table className="tableau-donnees">
          <thead>
            <tr>
              {[...colonnes, "Retirer"].map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </fieldset>
  );
}

function Case({
  nom,
  libelle,
  coche,
  valeur = "on",
}: {
  nom: string;
  libelle: string;
  coche: boolean;
  valeur?: string;
}) {
  const id = `${nom.replaceAll(".", "-")}-${valeur}`;
  return (
    <label htmlFor={id} className="mr-3 inline-flex items-center gap-1 whitespace-nowrap">
      <input id={id} type="checkbox" name={nom} value={valeur} defaultChecked={coche} />
      {libelle}
    </label>
  );
}

/** A saved row's « retirer » box; a new row is left empty instead. */
function Retirer({ nom, nouveau }: { nom: string; nouveau: boolean }) {
  return <td>{nouveau ? null : <Case nom={nom} libelle="Retirer" coche={false} />}</td>;
}

const VIDE_DOCUMENT = {
  code: "",
  libelle: "",
  obligatoire: true,
  familles: ["pdf"] as FamilleFichier[],
  tailleMaxMo: "10",
};
const VIDE_QUESTION = { code: "", question: "", eliminatoire: true };
const VIDE_CRITERE = { code: "", libelle: "", poids: "1" };

/**
 * The form of a call (new or edited): plain fields, then the documents, questions and criteria as
 * numbered rows — each with a « retirer » box, and a few empty rows to fill; « Ajouter des lignes »
 * sends the form back with more empty rows without saving. Works without JavaScript.
 */
export function FormulaireAppelPage({
  action,
  formulaire,
  erreurs,
  version,
  evaluateurs,
  deposees,
  departement,
}: {
  action: string;
  formulaire: FormulaireAppel;
  erreurs: Erreurs;
  version: number | null;
  evaluateurs: { userId: string; nom: string; email: string }[];
  /** Submitted applications: documents and criteria holding data may not be removed. */
  deposees: number;
  departement: string;
}) {
  const f = formulaire;
  const vides = Math.max(0, Math.min(f.lignesVides, LIGNES_VIDES_MAX));
  const documents = [...f.documents, ...Array.from({ length: vides }, () => ({ ...VIDE_DOCUMENT }))];
  const questions = [...f.questions, ...Array.from({ length: vides }, () => ({ ...VIDE_QUESTION }))];
  const criteres = [...f.criteres, ...Array.from({ length: vides }, () => ({ ...VIDE_CRITERE }))];
  const aErreurs = Object.keys(erreurs).length > 0;
  return (
    // Keyed by what it shows: after an answer (rows added or removed) the fields start again from it.
    <Form key={JSON.stringify([f, erreurs])} method="post" action={action} className="mt-4" noValidate>
      <CsrfInput />
      {version !== null ? <input type="hidden" name={CHAMP_VERSION} value={version} /> : null}
      <input type="hidden" name="type" value={f.type} />
      <input type="hidden" name="lignesVides" value={vides} />
      <FormErrors errors={erreurs[CHAMP_FORMULAIRE]} id="appel-erreurs" />
      {aErreurs && !erreurs[CHAMP_FORMULAIRE] ? (
        <p role="alert" className="mb-3 font-semibold text-alerte-700">
          Rien n'a été enregistré&nbsp;: corrigez les champs signalés ci-dessous.
        </p>
      ) : null}
      <p className="mb-4 text-slate-700">Modèle : {typeAppelLabels[f.type]}</p>
      <div className="max-w-3xl">
        <Champ id="titre" name="titre" label="Titre" erreurs={erreurs.titre}>
          {(aria) => (
            <input {...aria} type="text" maxLength={TITRE_MAX} defaultValue={f.titre} className="input w-full" />
          )}
        </Champ>
        <Champ
          id="slug"
          name="slug"
          label="Adresse publique"
          erreurs={erreurs.slug}
          aide={"L'appel sera publié à l'adresse /appels/…\u00a0: lettres minuscules sans accent, chiffres et tirets."}
        >
          {(aria) => (
            <input {...aria} type="text" maxLength={SLUG_MAX} defaultValue={f.slug} className="input w-full" />
          )}
        </Champ>
        <Champ
          id="description"
          name="description"
          label="Description"
          erreurs={erreurs.description}
          aide={"En Markdown\u00a0: ## pour un intertitre, **gras**, - pour une liste."}
        >
          {(aria) => (
            <textarea
              {...aria}
              rows={10}
              maxLength={DESCRIPTION_MAX}
              defaultValue={f.description}
              className="input w-full"
            />
          )}
        </Champ>
        <fieldset className="mb-4">
          <legend className="font-semibold">Calendrier (heure de Paris)</legend>
          <div className="mt-2 flex flex-wrap gap-6">
            <Champ id="ouvertureLe" name="ouvertureLe" label="Ouverture" erreurs={erreurs.ouvertureLe}>
              {(aria) => <input {...aria} type="datetime-local" defaultValue={f.ouvertureLe} className="input" />}
            </Champ>
            <Champ
              id="clotureLe"
              name="clotureLe"
              label="Date et heure limite de dépôt"
              erreurs={erreurs.clotureLe}
              aide="Une candidature déposée une seconde après est refusée."
            >
              {(aria) => <input {...aria} type="datetime-local" defaultValue={f.clotureLe} className="input" />}
            </Champ>
            <Champ id="decisionLe" name="decisionLe" label="Décision prévue (facultatif)" erreurs={erreurs.decisionLe}>
              {(aria) => <input {...aria} type="datetime-local" defaultValue={f.decisionLe} className="input" />}
            </Champ>
          </div>
        </fieldset>
        <div className="mb-4">
          <Case nom="budgetPropose" libelle="Demander un budget annuel prévisionnel" coche={f.budgetPropose} />
          <p className="text-sm text-slate-700">
            Vérifié selon les règles de financement de la convention (CAF 80&nbsp;% au plus, MSA 2&nbsp;500&nbsp;€ au
            plus, équilibre, 0,5&nbsp;ETP de coordination).
          </p>
        </div>
      </div>

      {deposees > 0 ? (
        <p className="mb-4 max-w-3xl rounded-md border border-slate-300 bg-slate-50 px-4 py-3">
          {deposees} candidature{deposees > 1 ? "s ont" : " a"} déjà été déposée{deposees > 1 ? "s" : ""}&nbsp;: un
          document qu'une candidature déposée a fourni et un critère déjà noté ne peuvent plus être retirés.
        </p>
      ) : null}

      <ListeLignes
        liste="documents"
        titre="Documents demandés"
        colonnes={["Intitulé", "Obligatoire", "Types acceptés", "Taille max. (Mo)"]}
        erreurs={erreurs}
      >
        {documents.map((d, i) => {
          const c = (nom: string) => champLigne("documents", i, nom);
          const nouveau = i >= f.documents.length;
          const nom = d.libelle || `document ${i + 1}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are numbered by position in the form.
            <tr key={i}>
              <td>
                <input type="hidden" name={c("code")} value={d.code} />
                <CelluleSaisie
                  nom={c("libelle")}
                  libelle={`Intitulé du ${nom}`}
                  erreurs={erreurs}
                  type="text"
                  maxLength={LIBELLE_MAX}
                  defaultValue={d.libelle}
                  placeholder={nouveau ? "Nouveau document" : undefined}
                  className="input w-80"
                />
              </td>
              <td>
                <Case nom={c("obligatoire")} libelle="Oui" coche={d.obligatoire} />
              </td>
              <td>
                {FAMILLES_FICHIER.map((famille) => (
                  <Case
                    key={famille}
                    nom={c("familles")}
                    valeur={famille}
                    libelle={FAMILLES_COURTES[famille]}
                    coche={d.familles.includes(famille)}
                  />
                ))}
                <Erreur id={`${c("familles").replaceAll(".", "-")}-erreur`} erreurs={erreurs[c("familles")]} />
              </td>
              <td>
                <CelluleSaisie
                  nom={c("tailleMaxMo")}
                  libelle={`Taille maximale du ${nom}, en Mo`}
                  erreurs={erreurs}
                  type="number"
                  min={1}
                  max={TAILLE_MAX_MO}
                  defaultValue={d.tailleMaxMo}
                  className="input w-20"
                />
              </td>
              <Retirer nom={c("retirer")} nouveau={nouveau} />
            </tr>
          );
        })}
      </ListeLignes>

      <ListeLignes
        liste="questions"
        titre="Questions d'éligibilité (réponse oui ou non)"
        aide={"Un «\u00a0non\u00a0» à une question éliminatoire rend la candidature inéligible."}
        colonnes={["Question", "Éliminatoire"]}
        erreurs={erreurs}
      >
        {questions.map((q, i) => {
          const c = (nom: string) => champLigne("questions", i, nom);
          const nouveau = i >= f.questions.length;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are numbered by position in the form.
            <tr key={i}>
              <td>
                <input type="hidden" name={c("code")} value={q.code} />
                <CelluleSaisie
                  nom={c("question")}
                  libelle={`Question ${i + 1}`}
                  erreurs={erreurs}
                  type="text"
                  maxLength={LIBELLE_MAX}
                  defaultValue={q.question}
                  placeholder={nouveau ? "Nouvelle question" : undefined}
                  className="input w-[36rem] max-w-full"
                />
              </td>
              <td>
                <Case nom={c("eliminatoire")} libelle="Oui" coche={q.eliminatoire} />
              </td>
              <Retirer nom={c("retirer")} nouveau={nouveau} />
            </tr>
          );
        })}
      </ListeLignes>

      <ListeLignes
        liste="criteres"
        titre="Critères d'évaluation"
        aide={`Chaque évaluateur note chaque critère de 0 à 5\u00a0; la note sur 100 pondère par le poids (${POIDS_MIN} à ${POIDS_MAX}).`}
        colonnes={["Critère", "Poids"]}
        erreurs={erreurs}
      >
        {criteres.map((k, i) => {
          const c = (nom: string) => champLigne("criteres", i, nom);
          const nouveau = i >= f.criteres.length;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are numbered by position in the form.
            <tr key={i}>
              <td>
                <input type="hidden" name={c("code")} value={k.code} />
                <CelluleSaisie
                  nom={c("libelle")}
                  libelle={`Critère ${i + 1}`}
                  erreurs={erreurs}
                  type="text"
                  maxLength={LIBELLE_MAX}
                  defaultValue={k.libelle}
                  placeholder={nouveau ? "Nouveau critère" : undefined}
                  className="input w-[30rem] max-w-full"
                />
              </td>
              <td>
                <CelluleSaisie
                  nom={c("poids")}
                  libelle={`Poids du critère ${i + 1}`}
                  erreurs={erreurs}
                  type="number"
                  min={POIDS_MIN}
                  max={POIDS_MAX}
                  defaultValue={k.poids}
                  className="input w-20"
                />
              </td>
              <Retirer nom={c("retirer")} nouveau={nouveau} />
            </tr>
          );
        })}
      </ListeLignes>

      <p className="mt-4">
        <button type="submit" name="intent" value="lignes" className="btn-secondary">
          Ajouter des lignes vides
        </button>
        <span className="ml-3 text-sm text-slate-700">
          Les lignes laissées vides sont ignorées&nbsp;; cochez «&nbsp;Retirer&nbsp;» pour enlever une ligne.
        </span>
      </p>

      <fieldset className="mt-6 max-w-3xl">
        <legend className="text-lg font-semibold">Commission de sélection</legend>
        <Erreur id="evaluateurs-erreur" erreurs={erreurs.evaluateurs} />
        {evaluateurs.length === 0 ? (
          <p className="mt-1">
            Aucun évaluateur dans le département {departement}&nbsp;: invitez les membres de la commission depuis{" "}
            <a href="/espace/equipe">Équipe et invitations</a> (rôle «&nbsp;Membre d'une commission de
            sélection&nbsp;»).
          </p>
        ) : (
          <ul className="mt-2 space-y-1">
            {evaluateurs.map((e) => (
              <li key={e.userId}>
                <Case
                  nom="evaluateurs"
                  valeur={e.userId}
                  libelle={`${e.nom} (${e.email})`}
                  coche={f.evaluateurs.includes(e.userId)}
                />
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <button type="submit" name="intent" value="enregistrer" className="btn mt-6">
        Enregistrer l'appel
      </button>
    </Form>
  );
}
