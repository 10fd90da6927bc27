import {
  type FieldMetadata,
  getFormProps,
  getInputProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type FormEvent, type ReactNode, useState } from "react";
import { data, Form, redirect } from "react-router";
import { findHoraires } from "~/domain/presences/presence.queries.server";
import { RESEAUX } from "~/domain/profils/profil.labels";
import {
  CHAMP_MOIS,
  CHAMP_STATUT,
  CHAMP_VERSION,
  enregistrerBrouillon,
  refusDeclarant,
  requireDeclarant,
  soumettreRapport,
} from "~/domain/rapports/rapport.commands.server";
import { libelleCode, libelleMois, moisUrl } from "~/domain/rapports/rapport.format";
import { type RapportStatut, RUBRIQUES, type Rubrique, rapportStatutLabels } from "~/domain/rapports/rapport.labels";
import { comptesVides, findReseauxDuPromeneur, getRapportComplet } from "~/domain/rapports/rapport.queries.server";
import {
  BORNES,
  CODES_PAR_RUBRIQUE,
  deMois,
  FAIT_MARQUANT_MAX,
  heuresSuggerees,
  type SaisieRapport,
  totauxDe,
} from "~/domain/rapports/rapport.rules";
import { modeDe, rapportSchema } from "~/domain/rapports/rapport.schema";
import {
  ajouterMoisIso,
  echeanceDe,
  isEnRetard,
  isModifiableParPromeneur,
  moisCourant,
  parseMois,
  refusMois,
} from "~/domain/rapports/rapport.workflow";
import { countSituationsDuMois } from "~/domain/situations/situation.queries.server";
import { formatDate, formatHeures, formatNumber, plural } from "~/lib/format";
import { formatJourIso } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { Invalid, notFound } from "~/server/errors.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors } from "~/ui/field";
import type { Route } from "./+types/mes-rapports.$mois";
import { RapportLecture } from "./rapport.lecture";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Bilan ${loaderData ? deMois(loaderData.libelle) : "mensuel"} – Promeneurs du Net` },
];

/** A stored count as the form shows it: empty for 0, so that one types over nothing. */
const enTexte = (n: number | undefined) => (n ? String(n) : "");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "rapport.saisir");
  const db = getDb();
  const now = new Date();
  // The address carries only the month: the report is always the signed-in promeneur's own.
  const promeneur = await requireDeclarant(db, actor);
  const mois = parseMois(params.mois);
  if (!mois) notFound("Ce mois n'existe pas : l'adresse attend un mois comme 2026-03.");
  const complet = await getRapportComplet(db, { promeneurId: promeneur.id, mois });
  const refus = refusMois(mois, now, promeneur.entreeLe);
  // A month outside the promeneur's period has no report to fill (one imported from history is still shown).
  if (refus && !complet) notFound(refus);

  const [horaires, situations, reseauxPropres] = await Promise.all([
    findHoraires(db, promeneur.id, now),
    countSituationsDuMois(db, promeneur.id, mois),
    findReseauxDuPromeneur(db, promeneur.id),
  ]);
  const statut = (complet?.rapport.statut ?? null) as RapportStatut | null;
  const refusStatut = refusDeclarant(promeneur.statut);
  const comptes = complet?.comptes ?? comptesVides();
  const rapport = complet?.rapport;
  const suggestion = heuresSuggerees(horaires.creneaux, mois);
  // A sensible default for a new report: the hours of the weekly slots, which the promeneur corrects.
  const heuresParDefaut = !rapport && suggestion > 0 && suggestion <= BORNES.heuresEnLigne ? suggestion : 0;

  return {
    mois,
    libelle: libelleMois(mois),
    statut,
    statutLabel: statut ? rapportStatutLabels[statut] : "Pas encore commencé",
    version: rapport?.version ?? 0,
    modifiable: isModifiableParPromeneur(statut) && refusStatut === null && refus === null,
    refusStatut,
    enCours: mois === moisCourant(now),
    moisSuivant: libelleMois(ajouterMoisIso(mois, 1)),
    echeance: formatJourIso(echeanceDe(mois)),
    enRetard: (statut === null || statut === "brouillon") && isEnRetard(mois, now),
    soumisLe: rapport?.soumisLe ?? null,
    heuresSuggerees: suggestion,
    heuresPreRemplies: heuresParDefaut > 0,
    situations,
    reseauxPropres,
    comptes,
    totaux: {
      nouveauxJeunes: rapport?.nouveauxJeunes ?? 0,
      fileActive: rapport?.fileActive ?? 0,
      echanges: rapport?.echanges ?? 0,
      echangesIndividuels: rapport?.echangesIndividuels ?? 0,
      echangesCollectifs: rapport?.echangesCollectifs ?? 0,
      heuresEnLigne: rapport?.heuresEnLigne ?? 0,
    },
    // The promeneur reads their own report's highlight and the coordination's comments.
    faitMarquant: rapport?.faitMarquant ?? "",
    commentaireCoordination: rapport?.commentaireCoordination ?? null,
    motifReouverture: rapport?.motifReouverture ?? null,
    valeurs: {
      ...Object.fromEntries(
        RUBRIQUES.map((rubrique) => [
          rubrique,
          Object.fromEntries(CODES_PAR_RUBRIQUE[rubrique].map((code) => [code, enTexte(comptes[rubrique][code])])),
        ]),
      ),
      echangesIndividuels: enTexte(rapport?.echangesIndividuels),
      echangesCollectifs: enTexte(rapport?.echangesCollectifs),
      heuresEnLigne:
        (rapport?.heuresEnLigne ?? heuresParDefaut)
          ? String(rapport?.heuresEnLigne ?? heuresParDefaut).replace(".", ",")
          : "",
      faitMarquant: rapport?.faitMarquant ?? "",
    } as Record<string, unknown>,
  };
}

function lireVersion(value: FormDataEntryValue | null): number | undefined {
  return typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "rapport.saisir");
  const db = getDb();
  // Checked before the form is read: only a promeneur with a record gets its errors.
  const declarant = await requireDeclarant(db, actor);
  const formData = await request.formData();
  const mode = modeDe(formData.get("intent"));
  const submission = parseWithZod(formData, { schema: rapportSchema(mode) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const ctx = { db, now: new Date(), requestId: requestId(context), declarant };
  const ecrire = mode === "soumission" ? soumettreRapport : enregistrerBrouillon;
  try {
    const ecrit = await ecrire(ctx, actor, params.mois, submission.value, lireVersion(formData.get("version")));
    if (mode === "soumission") {
      setFlash(context, `Bilan ${deMois(libelleMois(ecrit.mois))} soumis à la coordination. Merci !`);
      return redirect("/espace/mes-rapports");
    }
    setFlash(context, `Brouillon du bilan ${deMois(libelleMois(ecrit.mois))} enregistré.`);
    return redirect(`/espace/mes-rapports/${moisUrl(ecrit.mois)}`);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    const conflit = error.field === CHAMP_STATUT || error.field === CHAMP_VERSION;
    const surLeFormulaire = conflit || error.field === CHAMP_MOIS;
    return data(
      submission.reply(
        surLeFormulaire ? { formErrors: [error.message] } : { fieldErrors: { [error.field]: [error.message] } },
      ),
      { status: conflit ? 409 : 400 },
    );
  }
}

export default function RapportDuMois({ loaderData, actionData }: Route.ComponentProps) {
  const d = loaderData;
  return (
    <div>
      <p>
        <a href="/espace/mes-rapports">← Mes bilans mensuels</a>
      </p>
      <h1 className="mt-2">Bilan {deMois(d.libelle)}</h1>
      <p className="mt-1 text-slate-700">
        Statut : <strong>{d.statutLabel}</strong>
        {d.soumisLe ? ` · soumis le ${formatDate(d.soumisLe)}` : ""}
        {d.statut === null || d.statut === "brouillon" || d.statut === "a_corriger"
          ? ` · à soumettre au plus tard le ${formatDate(d.echeance)}`
          : ""}
        {d.enRetard ? (
          <>
            {" "}
            <span className="rounded-full bg-alerte-700 px-2 py-0.5 text-sm font-semibold text-white">en retard</span>
          </>
        ) : null}
      </p>
      {d.modifiable ? (
        <RapportFormulaire lastResult={actionData} d={d} />
      ) : (
        <div className="mt-6">
          {d.refusStatut && d.statut !== "soumis" && d.statut !== "valide" ? (
            <p className="mb-6 rounded-md border border-slate-300 bg-slate-50 px-4 py-3">{d.refusStatut}</p>
          ) : null}
          {d.statut === "soumis" ? (
            <p className="mb-6">
              La coordination relit ce bilan : il ne peut plus être modifié, sauf si elle vous le renvoie.
            </p>
          ) : null}
          {d.statut === "valide" ? <p className="mb-6">Ce bilan est validé par la coordination.</p> : null}
          {d.statut ? (
            <RapportLecture
              totaux={d.totaux}
              comptes={d.comptes}
              faitMarquant={d.faitMarquant}
              commentaireCoordination={d.commentaireCoordination}
              motifReouverture={d.motifReouverture}
            />
          ) : null}
        </div>
      )}
    </div>
  );
}

type Donnees = Route.ComponentProps["loaderData"];
type Champ = FieldMetadata<string | undefined, Record<string, unknown>, string[]>;

/**
 * The totals as one types: the breakdowns of the form (`canal.messages_prives`…), whatever is not
 * a number counting 0. `entries`: the form's data, or the values the server sent back with errors.
 */
function lireTotaux(entries: Iterable<[string, unknown]>) {
  const saisie = Object.fromEntries(RUBRIQUES.map((r) => [r, {}])) as Pick<SaisieRapport, Rubrique>;
  const nombre = (v: unknown) => {
    const n = Number(String(v ?? "").replace(/[\s\u00a0\u202f]/g, ""));
    return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
  };
  let individuels = 0;
  let collectifs = 0;
  for (const [name, value] of entries) {
    const [rubrique, code] = name.split(".");
    if (code && (RUBRIQUES as readonly string[]).includes(rubrique ?? "")) {
      saisie[rubrique as Rubrique][code] = nombre(value);
    }
    if (name === "echangesIndividuels") individuels = nombre(value);
    if (name === "echangesCollectifs") collectifs = nombre(value);
  }
  return { ...totauxDe(saisie), individuels, collectifs };
}

/** `{ canal: { messages_prives: "3" } }` → `[["canal.messages_prives", "3"]]`. */
function aplatir(valeurs: Record<string, unknown>, prefixe = ""): [string, unknown][] {
  return Object.entries(valeurs).flatMap(([cle, valeur]): [string, unknown][] =>
    valeur !== null && typeof valeur === "object"
      ? aplatir(valeur as Record<string, unknown>, `${prefixe}${cle}.`)
      : [[`${prefixe}${cle}`, valeur]],
  );
}

function RapportFormulaire({
  lastResult,
  d,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  d: Donnees;
}) {
  const [form, fields] = useForm({
    lastResult,
    defaultValue: d.valeurs,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rapportSchema(modeDe(formData.get("intent"))) }),
  });
  // The values shown: those sent back with errors (without JavaScript too), else the saved ones.
  const [totaux, setTotaux] = useState(() =>
    lireTotaux(aplatir((lastResult?.initialValue as Record<string, unknown> | undefined) ?? d.valeurs)),
  );
  const recalculer = (event: FormEvent<HTMLFormElement>) => setTotaux(lireTotaux(new FormData(event.currentTarget)));

  const champs = fields as unknown as Record<string, Champ & { getFieldset: () => Record<string, Champ> }>;
  const champ = (name: string) => champs[name] as Champ;
  const sousChamps = (rubrique: Rubrique) => champs[rubrique]?.getFieldset() ?? {};
  const erreursGroupe = (rubrique: Rubrique) => champs[rubrique]?.errors;
  const rempli = (rubrique: Rubrique) =>
    Object.values(d.comptes[rubrique]).some((n) => n > 0) ||
    Object.keys(form.allErrors).some((k) => k === rubrique || k.startsWith(`${rubrique}.`));

  const groupe = (
    rubrique: Rubrique,
    legende: string,
    codes: readonly string[],
    total?: ReactNode,
    aide?: ReactNode,
  ) => (
    <Groupe
      id={`groupe-${rubrique}`}
      legende={legende}
      erreurs={erreursGroupe(rubrique)}
      erreurId={`${champs[rubrique]?.errorId ?? rubrique}`}
      aide={aide}
      total={total}
    >
      {codes.map((code) => {
        const meta = sousChamps(rubrique)[code];
        return meta ? <ChampNombre key={code} meta={meta} label={libelleCode(rubrique, code)} /> : null;
      })}
    </Groupe>
  );

  // The promeneur's own networks (profiles, presence slots) first; all of them when none is known.
  const propres: readonly string[] = d.reseauxPropres.length ? d.reseauxPropres : RESEAUX;
  const autresReseaux = RESEAUX.filter((r) => !propres.includes(r));
  const enLigne = totaux.echanges - totaux.rencontres;

  return (
    <Form method="post" className="mt-6 max-w-2xl" {...getFormProps(form)} onInput={recalculer}>
      <CsrfInput />
      <input type="hidden" name="version" value={d.version} />
      {d.statut === "a_corriger" && d.commentaireCoordination ? (
        <section
          aria-labelledby="a-corriger"
          className="mb-6 rounded-md border-2 border-amber-500 bg-amber-50 px-4 py-3"
        >
          <h2 id="a-corriger" className="text-lg">
            La coordination vous demande de corriger ce bilan
          </h2>
          <p className="mt-1 whitespace-pre-line break-words">{d.commentaireCoordination}</p>
        </section>
      ) : null}
      <FormErrors errors={form.errors} id={form.errorId} />
      <p className="mb-4 text-slate-700">
        Des nombres seulement : laissez vide ce qui vaut 0. Rien ici ne doit permettre de reconnaître un jeune.
      </p>

      {groupe(
        "age_nouveaux",
        "Nouveaux jeunes en contact ce mois, par âge",
        CODES_PAR_RUBRIQUE.age_nouveaux,
        <>Nouveaux jeunes : {formatNumber(totaux.nouveauxJeunes)}</>,
      )}
      {groupe(
        "age_file",
        "File active : jeunes suivis ce mois, par âge (nouveaux compris)",
        CODES_PAR_RUBRIQUE.age_file,
        <>File active : {formatNumber(totaux.fileActive)}</>,
      )}
      {groupe(
        "canal",
        "Échanges par canal",
        CODES_PAR_RUBRIQUE.canal,
        <>Total des échanges : {formatNumber(totaux.echanges)}</>,
      )}
      <Groupe
        id="groupe-forme"
        legende="Échanges individuels ou collectifs"
        aide="Chaque échange est l'un ou l'autre : les deux ensemble font le total des échanges par canal."
        total={
          <>
            Individuels + collectifs : {formatNumber(totaux.individuels + totaux.collectifs)} sur{" "}
            {plural(totaux.echanges, "échange")}
          </>
        }
      >
        <ChampNombre meta={champ("echangesIndividuels")} label="Échanges individuels" />
        <ChampNombre meta={champ("echangesCollectifs")} label="Échanges collectifs" />
      </Groupe>
      {groupe(
        "theme",
        "Demandes par thème",
        CODES_PAR_RUBRIQUE.theme,
        <>
          Demandes : {formatNumber(totaux.demandes)} (au plus {plural(totaux.echanges, "échange")})
        </>,
      )}
      <details className="mb-6" open={rempli("reseau") || undefined}>
        <summary className="mb-2 cursor-pointer font-semibold">Échanges par réseau social</summary>
        <Groupe
          id="groupe-reseau"
          legende="Échanges par réseau social"
          erreurs={erreursGroupe("reseau")}
          erreurId={champs.reseau?.errorId ?? "reseau"}
          aide={propres.length ? "Vos réseaux d'abord ; les autres sont dans « Autres réseaux »." : undefined}
          total={
            <>
              Échanges par réseau : {formatNumber(totaux.echangesReseaux)} (au plus{" "}
              {plural(Math.max(enLigne, 0), "échange")} en ligne)
            </>
          }
        >
          {propres.map((code) => {
            const meta = sousChamps("reseau")[code];
            return meta ? <ChampNombre key={code} meta={meta} label={libelleCode("reseau", code)} /> : null;
          })}
          {autresReseaux.length ? (
            <details
              className="mt-2"
              open={
                autresReseaux.some((code) => (d.comptes.reseau[code] ?? 0) > 0 || form.allErrors[`reseau.${code}`]) ||
                undefined
              }
            >
              <summary className="cursor-pointer">Autres réseaux</summary>
              {autresReseaux.map((code) => {
                const meta = sousChamps("reseau")[code];
                return meta ? <ChampNombre key={code} meta={meta} label={libelleCode("reseau", code)} /> : null;
              })}
            </details>
          ) : null}
        </Groupe>
      </details>
      <details className="mb-6" open={rempli("publication") || undefined}>
        <summary className="cursor-pointer font-semibold">Publications par type</summary>
        {groupe(
          "publication",
          "Publications du mois par type",
          CODES_PAR_RUBRIQUE.publication,
          <>Publications : {formatNumber(totaux.publications)}</>,
        )}
      </details>
      <details className="mb-6" open={rempli("orientation") || undefined}>
        <summary className="cursor-pointer font-semibold">Orientations vers des partenaires</summary>
        {groupe(
          "orientation",
          "Jeunes orientés, par type de partenaire",
          CODES_PAR_RUBRIQUE.orientation,
          <>Orientations : {formatNumber(totaux.orientations)}</>,
        )}
      </details>

      <Groupe id="groupe-presence" legende="Présence en ligne">
        <ChampNombre
          meta={champ("heuresEnLigne")}
          label="Heures de présence en ligne"
          aide={
            d.heuresPreRemplies
              ? `Pré-rempli d'après vos créneaux hebdomadaires (${formatHeures(d.heuresSuggerees)} ce mois-ci) : corrigez selon votre présence réelle. Une décimale au plus : 12,5.`
              : d.heuresSuggerees > 0
                ? `D'après vos créneaux hebdomadaires : environ ${formatHeures(d.heuresSuggerees)} ce mois-ci (une décimale au plus : 12,5).`
                : "Une décimale au plus : 12,5."
          }
        />
        <p className="mt-2">
          Situations préoccupantes enregistrées ce mois : <strong>{formatNumber(d.situations)}</strong>{" "}
          <span className="text-sm text-slate-700">
            (comptées d'après <a href="/espace/situations">vos fiches de situation</a>)
          </span>
        </p>
      </Groupe>

      <FaitMarquant meta={champ("faitMarquant")} />

      <noscript>
        <p className="mb-4 text-sm text-slate-700">
          Les totaux affichés sont ceux du dernier enregistrement : ils sont recalculés et vérifiés à l'envoi.
        </p>
      </noscript>
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="enregistrer" className="btn-secondary">
          Enregistrer le brouillon
        </button>
        {d.enCours ? (
          <p className="text-slate-700">
            Le mois n'est pas terminé : vous pourrez soumettre ce bilan à partir du 1<sup>er</sup> {d.moisSuivant}.
          </p>
        ) : (
          <button type="submit" name="intent" value="soumettre" className="btn">
            Soumettre à la coordination
          </button>
        )}
      </div>
    </Form>
  );
}

/** A group of fields: its legend, a hint, its own errors (consistency), its fields and its total. */
function Groupe({
  id,
  legende,
  aide,
  erreurs,
  erreurId,
  total,
  children,
}: {
  id: string;
  legende: string;
  aide?: ReactNode;
  erreurs?: string[] | undefined;
  erreurId?: string;
  total?: ReactNode;
  children: ReactNode;
}) {
  const invalide = Boolean(erreurs?.length);
  const ids = [aide ? `${id}-aide` : null, invalide ? erreurId : null].filter(Boolean).join(" ");
  return (
    <fieldset className="mb-6 rounded-md border border-slate-300 px-3 pb-3" aria-describedby={ids || undefined}>
      <legend className="px-1 font-semibold">{legende}</legend>
      {aide ? (
        <p id={`${id}-aide`} className="mb-2 text-sm text-slate-700">
          {aide}
        </p>
      ) : null}
      {invalide ? (
        <p id={erreurId} className="mb-2 text-sm font-semibold text-alerte-700">
          {erreurs?.join(" ")}
        </p>
      ) : null}
      {children}
      {total ? (
        <p className="mt-2 border-t border-slate-300 pt-2 font-semibold">
          <output aria-live="polite">{total}</output>
        </p>
      ) : null}
    </fieldset>
  );
}

/** One count: its label and a short numeric input on one line (a 360-px phone), its error below. */
function ChampNombre({ meta, label, aide }: { meta: Champ; label: string; aide?: string }) {
  return (
    <div className="py-1">
      <div className="flex items-center justify-between gap-3">
        <label htmlFor={meta.id} className="flex-1">
          {label}
        </label>
        <input
          {...getInputProps(meta, { type: "text", ariaDescribedBy: aide ? meta.descriptionId : undefined })}
          inputMode="numeric"
          autoComplete="off"
          placeholder="0"
          className="input w-24 shrink-0 text-right"
        />
      </div>
      {aide ? (
        <p id={meta.descriptionId} className="mt-1 text-sm text-slate-700">
          {aide}
        </p>
      ) : null}
      {meta.errors?.length ? (
        <p id={meta.errorId} className="mt-1 text-sm font-semibold text-alerte-700">
          {meta.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function FaitMarquant({ meta }: { meta: Champ }) {
  const [longueur, setLongueur] = useState((meta.initialValue ?? "").length);
  return (
    <div className="mb-6">
      <label htmlFor={meta.id} className="mb-1 block font-semibold">
        Fait marquant du mois (facultatif)
      </label>
      <p id={meta.descriptionId} className="mb-1 text-sm text-slate-700">
        Quelques lignes sur ce qui a compté ce mois-ci. Aucun nom, numéro, adresse, pseudo ni lien de profil : le texte
        serait refusé. {FAIT_MARQUANT_MAX} caractères au plus.
      </p>
      <textarea
        {...getTextareaProps(meta, { ariaDescribedBy: meta.descriptionId })}
        rows={4}
        maxLength={FAIT_MARQUANT_MAX}
        className="input"
        onInput={(e) => setLongueur(e.currentTarget.value.length)}
      />
      <p className="mt-1 text-right text-sm text-slate-700">
        {longueur} / {FAIT_MARQUANT_MAX}
      </p>
      {meta.errors?.length ? (
        <p id={meta.errorId} className="mt-1 text-sm font-semibold text-alerte-700">
          {meta.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
