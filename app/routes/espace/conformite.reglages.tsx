import { data, Form, href, Link, redirect } from "react-router";
import {
  activerControle,
  ajouterControle,
  changerDelai,
  deplacerControle,
  renommerControle,
} from "~/domain/profils/conformite.commands.server";
import { findControles } from "~/domain/profils/conformite.queries.server";
import { DELAI_MAX_MOIS, DELAI_MIN_MOIS } from "~/domain/profils/conformite.rules";
import { getDelaiVerification } from "~/domain/profils/profil.queries.server";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors } from "~/ui/field";
import type { Route } from "./+types/conformite.reglages";

export const meta: Route.MetaFunction = () => [{ title: "Liste de contrôle et délai – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "conformite.configurer");
  const departement = pickDepartement(actor, "conformite.configurer", request);
  const db = getDb();
  const [controles, delai] = await Promise.all([findControles(db, departement), getDelaiVerification(db, departement)]);
  return {
    departement,
    delai,
    controles: controles.map((c) => ({
      id: c.id,
      code: c.code,
      libelle: c.libelle,
      socleNational: c.socleNational,
      actif: c.actif,
    })),
  };
}

const messages: Record<string, string> = {
  renommer: "Contrôle renommé.",
  desactiver: "Contrôle désactivé : il n'est plus demandé lors des vérifications.",
  reactiver: "Contrôle réactivé : il est de nouveau demandé lors des vérifications.",
  ajouter: "Contrôle ajouté à la fin de la liste.",
  monter: "Ordre de la liste modifié.",
  descendre: "Ordre de la liste modifié.",
  delai: "Délai de vérification enregistré.",
};

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "conformite.configurer");
  const departement = pickDepartement(actor, "conformite.configurer", request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const controleId = String(formData.get("controleId") ?? "");
  const ctx = { db: getDb(), now: new Date(), requestId: requestId(context) };
  try {
    switch (intent) {
      case "renommer":
        await renommerControle(ctx, actor, departement, controleId, formData.get("libelle") ?? "");
        break;
      case "desactiver":
      case "reactiver":
        await activerControle(ctx, actor, departement, controleId, intent === "reactiver");
        break;
      case "ajouter":
        await ajouterControle(ctx, actor, departement, formData.get("libelle") ?? "");
        break;
      case "monter":
      case "descendre":
        await deplacerControle(ctx, actor, departement, controleId, intent);
        break;
      case "delai":
        await changerDelai(ctx, actor, departement, formData.get("delai") ?? "");
        break;
      default:
        throw data({ message: "Action inconnue." }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof Invalid) {
      return data(
        {
          intent,
          controleId,
          champ: error.field,
          erreur: error.message,
          valeur: String(formData.get(intent === "delai" ? "delai" : "libelle") ?? ""),
        },
        { status: 400 },
      );
    }
    throw error;
  }
  setFlash(context, messages[intent] ?? "Réglages enregistrés.");
  const url = new URL(request.url);
  return redirect(`${url.pathname}${url.search}`);
}

export default function ReglagesPage({ loaderData, actionData }: Route.ComponentProps) {
  const { departement, delai, controles } = loaderData;
  const erreurPour = (intent: string, controleId = "") =>
    actionData && actionData.intent === intent && actionData.controleId === controleId ? actionData : null;
  const erreurDelai = erreurPour("delai");
  const erreurAjout = erreurPour("ajouter");
  const erreursDe = (reponse: { erreur: string } | null) => (reponse ? [reponse.erreur] : undefined);
  return (
    <div className="max-w-4xl">
      <p className="text-sm">
        <Link to={href("/espace/conformite")}>← Conformité des profils</Link>
      </p>
      <h1 className="mt-2">Liste de contrôle et délai de vérification</h1>
      <p className="mt-1 text-slate-700">Département {departement}</p>

      <section aria-labelledby="delai-titre" className="mt-6 max-w-lg">
        <h2 id="delai-titre">Délai de vérification</h2>
        <Form method="post" className="mt-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="delai" />
          <Field
            id="delai"
            label={`Une vérification vaut (en mois, de ${DELAI_MIN_MOIS} à ${DELAI_MAX_MOIS})`}
            errors={erreursDe(erreurDelai)}
            errorId="delai-erreur"
          >
            <input
              id="delai"
              name="delai"
              type="number"
              min={DELAI_MIN_MOIS}
              max={DELAI_MAX_MOIS}
              step={1}
              required
              className="input w-28"
              defaultValue={erreurDelai ? erreurDelai.valeur : delai}
              aria-invalid={erreurDelai ? true : undefined}
              aria-describedby={erreurDelai ? "delai-erreur" : undefined}
            />
          </Field>
          <button type="submit" className="btn">
            Enregistrer le délai
          </button>
        </Form>
      </section>

      <section aria-labelledby="liste-titre" className="mt-8">
        <h2 id="liste-titre">Contrôles demandés lors d'une vérification</h2>
        <p className="mt-1 text-sm text-slate-700">
          Tous les contrôles actifs sont obligatoires. Les contrôles du socle national ne peuvent pas être désactivés.
        </p>
        <ol className="mt-4 space-y-4">
          {controles.map((c, index) => {
            const erreurRenommer = erreurPour("renommer", c.id);
            const erreurBascule = erreurPour("desactiver", c.id) ?? erreurPour("reactiver", c.id);
            const champId = `libelle-${c.id}`;
            return (
              <li key={c.id} className={`rounded-md border p-3 ${c.actif ? "border-slate-300" : "border-dashed"}`}>
                <p className="font-semibold">
                  {index + 1}. {c.libelle}
                  {c.socleNational ? <span className="ml-2 text-sm font-normal">(socle national)</span> : null}
                  {c.actif ? null : <span className="ml-2 text-sm font-normal">(désactivé)</span>}
                </p>
                <Form method="post" className="mt-2">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="renommer" />
                  <input type="hidden" name="controleId" value={c.id} />
                  <Field
                    id={champId}
                    label={`Libellé du contrôle n° ${index + 1}`}
                    errors={erreursDe(erreurRenommer)}
                    errorId={`${champId}-erreur`}
                  >
                    <input
                      id={champId}
                      name="libelle"
                      className="input"
                      defaultValue={erreurRenommer ? erreurRenommer.valeur : c.libelle}
                      required
                      maxLength={200}
                      aria-invalid={erreurRenommer ? true : undefined}
                      aria-describedby={erreurRenommer ? `${champId}-erreur` : undefined}
                    />
                  </Field>
                  <button type="submit" className="btn-secondary">
                    Renommer<span className="sr-only"> le contrôle n° {index + 1}</span>
                  </button>
                </Form>
                <div className="mt-2 flex flex-wrap gap-2">
                  {c.socleNational ? null : (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value={c.actif ? "desactiver" : "reactiver"} />
                      <input type="hidden" name="controleId" value={c.id} />
                      <button type="submit" className="btn-secondary text-sm">
                        {c.actif ? "Désactiver" : "Réactiver"}
                        <span className="sr-only"> le contrôle « {c.libelle} »</span>
                      </button>
                    </Form>
                  )}
                  {index > 0 ? (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="monter" />
                      <input type="hidden" name="controleId" value={c.id} />
                      <button type="submit" className="btn-secondary text-sm">
                        Monter<span className="sr-only"> le contrôle « {c.libelle} »</span>
                      </button>
                    </Form>
                  ) : null}
                  {index < controles.length - 1 ? (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="descendre" />
                      <input type="hidden" name="controleId" value={c.id} />
                      <button type="submit" className="btn-secondary text-sm">
                        Descendre<span className="sr-only"> le contrôle « {c.libelle} »</span>
                      </button>
                    </Form>
                  ) : null}
                </div>
                <FormErrors id={`bascule-${c.id}-erreur`} errors={erreursDe(erreurBascule)} />
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="ajout-titre" className="mt-8 max-w-lg">
        <h2 id="ajout-titre">Ajouter un contrôle</h2>
        <Form method="post" className="mt-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="ajouter" />
          <Field
            id="nouveau-libelle"
            label="Libellé du nouveau contrôle"
            errors={erreursDe(erreurAjout)}
            errorId="nouveau-libelle-erreur"
          >
            <input
              id="nouveau-libelle"
              name="libelle"
              className="input"
              required
              maxLength={200}
              defaultValue={erreurAjout ? erreurAjout.valeur : ""}
              aria-invalid={erreurAjout ? true : undefined}
              aria-describedby={erreurAjout ? "nouveau-libelle-erreur" : undefined}
            />
          </Field>
          <button type="submit" className="btn">
            Ajouter le contrôle
          </button>
        </Form>
      </section>
    </div>
  );
}
