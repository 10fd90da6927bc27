import type { Route } from "./+types/contact";

export const meta: Route.MetaFunction = () => [{ title: "Contact – Promeneurs du Net" }];

export default function ContactPage() {
  return (
    <div>
      <h1>Contacter la coordination</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
