import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/agenda";

export const meta: Route.MetaFunction = (args) =>
  publicMeta(args, {
    title: "Agenda",
    description:
      "Les rencontres, ateliers et temps d'information ouverts au public du réseau Promeneurs du Net des Alpes-de-Haute-Provence.",
    path: "/agenda",
  });

export default function AgendaPage() {
  return (
    <div className="max-w-3xl">
      <h1>Agenda</h1>
      <p className="mt-4 rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-lg">
        Aucun événement public annoncé pour le moment.
      </p>
      <p className="mt-4">
        Les rencontres, ateliers et temps d'information ouverts aux jeunes, aux parents et aux partenaires seront
        annoncés ici, avec leur date et leur lieu.
      </p>
      <p className="mt-4">
        Pour organiser une présentation du dispositif dans votre structure ou votre commune,{" "}
        <a href="/contact">contactez la coordination</a>.
      </p>
    </div>
  );
}
