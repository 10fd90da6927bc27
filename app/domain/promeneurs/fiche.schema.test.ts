import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { ficheSchema } from "./fiche.schema";

function formulaire(bio: string): FormData {
  const form = new FormData();
  form.set("nomPublic", "Léa M.");
  form.set("bio", bio);
  form.set("ageMin", "11");
  form.set("ageMax", "25");
  return form;
}

describe("ficheSchema", () => {
  it("refuse vite une présentation trop longue, sans y chercher de coordonnées", () => {
    const debut = performance.now();
    const submission = parseWithZod(formulaire("A".repeat(64_000)), { schema: ficheSchema });
    expect(submission.status).toBe("error");
    expect(performance.now() - debut).toBeLessThan(500);
  });

  it("refuse toujours un numéro de téléphone dans une présentation de longueur permise", () => {
    const submission = parseWithZod(formulaire("Joignable au 06 12 34 56 78."), { schema: ficheSchema });
    expect(submission.status).toBe("error");
  });
});
