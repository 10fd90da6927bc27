import { describe, expect, it } from "vitest";
import { profilSchema, profilSchemaFor } from "./profil.schema";

/** Messages by field; several messages on one field are joined, so that a duplicate shows. */
function erreurs(resultat: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const parChamp: Record<string, string> = {};
  for (const issue of resultat.error?.issues ?? []) {
    const champ = issue.path.join(".");
    parChamp[champ] = parChamp[champ] ? `${parChamp[champ]} | ${issue.message}` : issue.message;
  }
  return parChamp;
}

describe("profilSchema", () => {
  it("rend le réseau, le nom de compte et l'adresse canoniques", () => {
    expect(profilSchema.parse({ reseau: "instagram", saisie: "  instagram.com/PDN_Digne/?hl=fr  " })).toEqual({
      reseau: "instagram",
      handle: "pdn_digne",
      url: "https://www.instagram.com/pdn_digne/",
      confirmationPersonnel: false,
    });
  });

  it("accepte twitter.com pour X et rend l'adresse x.com", () => {
    expect(profilSchema.parse({ reseau: "x", saisie: "https://twitter.com/pdn_04" }).url).toBe("https://x.com/pdn_04");
  });

  it("met le message de normalizeProfil sur le champ saisie", () => {
    const resultat = profilSchema.safeParse({ reseau: "instagram", saisie: "https://exemple.fr/nom_du_compte" });
    expect(resultat.success).toBe(false);
    expect(erreurs(resultat)).toEqual({
      saisie: "Cette adresse n'est pas une adresse Instagram : attendu https://www.instagram.com/nom_du_compte/",
    });
  });

  it("refuse un numéro de téléphone pour WhatsApp sur le champ saisie", () => {
    const resultat = profilSchema.safeParse({ reseau: "whatsapp", saisie: "06 12 34 56 78" });
    expect(erreurs(resultat).saisie).toContain("Un numéro de téléphone n'est pas accepté");
  });

  it("refuse un lien court TikTok sur le champ saisie", () => {
    const resultat = profilSchema.safeParse({ reseau: "tiktok", saisie: "https://vm.tiktok.com/ZMrAbCdEf/" });
    expect(erreurs(resultat).saisie).toContain("Ce lien court TikTok ne montre pas le nom du compte");
  });

  it("demande de choisir un réseau de la liste", () => {
    const resultat = profilSchema.safeParse({ reseau: "myspace", saisie: "pdn_04" });
    expect(erreurs(resultat)).toEqual({ reseau: "Choisissez un réseau dans la liste." });
  });

  it("demande la saisie quand elle manque ou n'est faite que d'espaces", () => {
    expect(erreurs(profilSchema.safeParse({ reseau: "instagram" }))).toEqual({
      saisie: "Saisissez l'adresse ou le nom du compte.",
    });
    expect(erreurs(profilSchema.safeParse({ reseau: "instagram", saisie: "   " }))).toEqual({
      saisie: "Saisissez l'adresse ou le nom du compte.",
    });
  });

  it("refuse une saisie de plus de 300 caractères", () => {
    const resultat = profilSchema.safeParse({ reseau: "autre", saisie: `https://exemple.fr/${"a".repeat(300)}` });
    expect(erreurs(resultat)).toEqual({ saisie: "Cette adresse est trop longue (300 caractères au plus)." });
  });

  it("accepte la case de confirmation cochée (« on ») et refuse toute autre valeur", () => {
    expect(
      profilSchema.parse({ reseau: "tiktok", saisie: "@pdn_04", confirmationPersonnel: "on" }).confirmationPersonnel,
    ).toBe(true);
    expect(
      erreurs(profilSchema.safeParse({ reseau: "tiktok", saisie: "@pdn_04", confirmationPersonnel: "oui" })),
    ).toEqual({ confirmationPersonnel: "Cochez la case ou laissez-la vide." });
  });

  it("n'avertit pas sans l'identité de la personne", () => {
    expect(profilSchema.safeParse({ reseau: "instagram", saisie: "julie.martin" }).success).toBe(true);
  });
});

describe("profilSchemaFor (avec l'identité de la personne)", () => {
  const schema = profilSchemaFor({ prenom: "Julie", nom: "Martin", structure: "MJC de Manosque" });

  it("demande de confirmer un nom de compte qui ressemble à un compte personnel", () => {
    const resultat = schema.safeParse({ reseau: "instagram", saisie: "@julie.martin" });
    expect(resultat.success).toBe(false);
    const message = erreurs(resultat).confirmationPersonnel;
    expect(message).toContain("votre nom de famille (« martin »)");
    expect(message).toContain("cochez la case de confirmation");
  });

  it("accepte le même nom de compte une fois la confirmation cochée", () => {
    expect(schema.parse({ reseau: "instagram", saisie: "@julie.martin", confirmationPersonnel: "on" })).toEqual({
      reseau: "instagram",
      handle: "julie.martin",
      url: "https://www.instagram.com/julie.martin/",
      confirmationPersonnel: true,
    });
  });

  it("accepte sans confirmation un nom de compte professionnel", () => {
    expect(schema.safeParse({ reseau: "instagram", saisie: "julie.martin.pdn" }).success).toBe(true);
    expect(schema.safeParse({ reseau: "snapchat", saisie: "martin-manosque" }).success).toBe(true);
  });

  it("ne cherche pas de motif personnel dans un identifiant donné par le réseau", () => {
    expect(schema.safeParse({ reseau: "discord", saisie: "https://discord.gg/Martin1987" }).success).toBe(true);
    expect(
      schema.safeParse({ reseau: "facebook", saisie: "https://www.facebook.com/profile.php?id=100019871234567" })
        .success,
    ).toBe(true);
  });

  it("donne d'abord l'erreur d'adresse, sans avertissement", () => {
    expect(erreurs(schema.safeParse({ reseau: "instagram", saisie: "julie martin" }))).toEqual({
      saisie:
        "Une adresse ou un nom de compte ne contient pas d'espace : attendu https://www.instagram.com/nom_du_compte/",
    });
  });
});
