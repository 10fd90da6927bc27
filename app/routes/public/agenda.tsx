import type { Route } from "./+types/agenda";

export const meta: Route.MetaFunction = () => [{ title: "Agenda – Promeneurs du Net" }];

export default function AgendaPage() {
  return (
    <div>
      <h1>Agenda</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
