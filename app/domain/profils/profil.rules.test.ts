import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { debutJourParis, jourParis } from "~/lib/jour";
import {
  CONTROLES_CONFORMITE,
  CONTROLES_SOCLE_NATIONAL,
  controleConformiteLabels,
  RESEAUX,
  type Reseau,
  reseauFormeAttendue,
  reseauLabels,
  statutProfilLabels,
} from "./profil.labels";
import {
  type NormalisationProfil,
  normalizeProfil,
  personalHandleWarning,
  prochaineEcheance,
  resultatVerification,
  statutProfil,
} from "./profil.rules";

function accepte(reseau: Reseau, saisie: string) {
  const resultat = normalizeProfil(reseau, saisie);
  if (!resultat.ok) throw new Error(`refusé : ${saisie} → ${resultat.message}`);
  return { handle: resultat.handle, url: resultat.url, kind: resultat.kind };
}

function refuse(reseau: Reseau, saisie: string) {
  const resultat = normalizeProfil(reseau, saisie);
  if (resultat.ok) throw new Error(`accepté à tort : ${saisie} → ${resultat.url}`);
  return resultat;
}

describe("listes B et C", () => {
  it("a un libellé et une forme attendue pour chaque réseau", () => {
    for (const reseau of RESEAUX) {
      expect(reseauLabels[reseau]).toBeTruthy();
      expect(reseauFormeAttendue[reseau]).toMatch(/^https:\/\//);
    }
  });

  it("marque les cinq premiers contrôles comme socle national", () => {
    expect(CONTROLES_SOCLE_NATIONAL).toEqual(CONTROLES_CONFORMITE.slice(0, 5));
    expect(CONTROLES_SOCLE_NATIONAL).toEqual([
      "compte_professionnel",
      "photo_identite",
      "prenom_affiche",
      "structure_nommee",
      "identite_visuelle_pdn",
    ]);
  });

  it("écrit les statuts sans accent dans les codes et avec accents dans les libellés", () => {
    expect(statutProfilLabels).toEqual({
      conforme: "conforme",
      non_conforme: "non conforme",
      a_verifier: "à vérifier",
    });
  });

  it("donne pour chaque réseau nommé une forme attendue que normalizeProfil lit comme une adresse du réseau", () => {
    for (const reseau of RESEAUX) {
      const resultat = normalizeProfil(reseau, reseauFormeAttendue[reseau]);
      // Les formes à identifiant (Discord, WhatsApp) contiennent des caractères qu'un vrai code n'a pas.
      if (reseau === "discord" || reseau === "whatsapp") continue;
      expect(resultat.ok, reseau).toBe(true);
    }
  });
});

describe("normalizeProfil : Instagram", () => {
  const attendu = { handle: "nom_du_compte", url: "https://www.instagram.com/nom_du_compte/", kind: "nom" };

  it.each([
    "nom_du_compte",
    "@nom_du_compte",
    "  @nom_du_compte  ",
    "NOM_du_Compte",
    "instagram.com/nom_du_compte",
    "www.instagram.com/nom_du_compte/",
    "https://www.instagram.com/nom_du_compte/",
    "http://instagram.com/nom_du_compte",
    "HTTPS://WWW.INSTAGRAM.COM/NOM_DU_COMPTE/",
    "https://www.instagram.com/nom_du_compte/?hl=fr",
    "https://www.instagram.com/nom_du_compte?igsh=MWx4bGZ3dDJ0eGZ1aw%3D%3D",
    "https://www.instagram.com/nom_du_compte/#",
    "https://m.instagram.com/nom_du_compte",
    "https://www.instagram.com/nom_du_compte/reels/",
    "https://www.instagram.com/_u/nom_du_compte",
    "https://instagr.am/nom_du_compte",
  ])("accepte « %s »", (saisie) => {
    expect(accepte("instagram", saisie)).toEqual(attendu);
  });

  it("accepte instagram.com/nom_du_compte sans https", () => {
    expect(accepte("instagram", "instagram.com/nom_du_compte").url).toBe("https://www.instagram.com/nom_du_compte/");
  });

  it("accepte les points et les chiffres d'un vrai nom de compte", () => {
    expect(accepte("instagram", "@pdn.digne04")).toEqual({
      handle: "pdn.digne04",
      url: "https://www.instagram.com/pdn.digne04/",
      kind: "nom",
    });
    expect(accepte("instagram", "a").handle).toBe("a");
    expect(accepte("instagram", "a".repeat(30)).handle).toBe("a".repeat(30));
  });

  it("refuse une adresse d'un autre site avec la forme attendue", () => {
    expect(refuse("instagram", "https://exemple.fr/nom_du_compte").message).toBe(
      "Cette adresse n'est pas une adresse Instagram : attendu https://www.instagram.com/nom_du_compte/",
    );
  });

  it("refuse l'adresse d'un autre réseau et dit lequel choisir", () => {
    const r = refuse("instagram", "https://www.tiktok.com/@nom_du_compte");
    expect(r.raison).toBe("autre_reseau");
    expect(r.message).toBe(
      "Cette adresse n'est pas une adresse Instagram mais une adresse TikTok : choisissez TikTok dans la liste des réseaux, ou saisissez une adresse de la forme https://www.instagram.com/nom_du_compte/",
    );
  });

  it.each([
    "https://www.instagram.com/p/C8xYz12AbCd/",
    "https://www.instagram.com/reel/C8xYz12AbCd/?igsh=abc",
    "instagram.com/tv/C8xYz12AbCd",
  ])("refuse le lien d'une publication « %s »", (saisie) => {
    const r = refuse("instagram", saisie);
    expect(r.raison).toBe("publication");
    expect(r.message).toBe(
      "Cette adresse mène à une publication, pas à un compte Instagram : attendu https://www.instagram.com/nom_du_compte/",
    );
  });

  it.each([
    "instagram.com",
    "https://www.instagram.com/",
    "https://www.instagram.com/explore/tags/jeunesse/",
    "https://help.instagram.com/nom_du_compte",
  ])("refuse « %s », qui ne mène pas à un compte", (saisie) => {
    expect(refuse("instagram", saisie).raison).toBe("forme");
  });

  it.each([
    ["élodie.pdn", "lettres sans accent"],
    [".pdn", "sans point au début"],
    ["pdn.", "ni à la fin"],
    ["pdn..digne", "ni deux points de suite"],
    ["pdn-digne", "tirets bas"],
    ["a".repeat(31), "1 à 30 caractères"],
  ])("refuse le nom « %s » en rappelant la règle (%s)", (saisie, regle) => {
    const r = refuse("instagram", saisie);
    expect(r.raison).toBe("nom_invalide");
    expect(r.message).toContain(`« ${saisie} » n'est pas un nom de compte Instagram valide`);
    expect(r.message).toContain(regle);
    expect(r.message).toContain("attendu https://www.instagram.com/nom_du_compte/");
  });
});

describe("normalizeProfil : saisies refusées quel que soit le réseau", () => {
  it("refuse une saisie vide ou faite d'espaces", () => {
    expect(refuse("instagram", "   ").message).toBe("Saisissez l'adresse ou le nom du compte Instagram.");
    expect(refuse("autre", "").message).toBe("Saisissez l'adresse de la page.");
  });

  it.each(RESEAUX)("refuse une espace au milieu (%s)", (reseau) => {
    const r = refuse(reseau, "pdn digne");
    expect(r.raison).toBe("espace");
    expect(r.message).toContain(reseauFormeAttendue[reseau]);
  });

  it.each([
    ["une espace insécable", "pdn\u00a0digne"],
    ["une tabulation", "pdn\tdigne"],
    ["un retour à la ligne", "pdn\ndigne"],
  ])("refuse %s", (_, saisie) => {
    expect(normalizeProfil("tiktok", saisie).ok).toBe(false);
  });

  it.each([
    ["une espace de largeur nulle", "pdn\u200bdigne"],
    ["un caractère de contrôle", "pdn\u0007digne"],
    ["un marqueur de sens d'écriture", "\u202epdn"],
    ["un séparateur de ligne", "pdn\u2028digne"],
  ])("refuse %s, invisible à l'écran", (_, saisie) => {
    expect(refuse("instagram", saisie).raison).toBe("caractere_invisible");
  });

  it("ignore les espaces et l'indicateur d'ordre d'octets autour de la saisie", () => {
    expect(accepte("instagram", "\ufeff @pdn_04\n").handle).toBe("pdn_04");
  });

  it.each(["06 12 34 56 78", "0612345678", "+33 6 12 34 56 78", "06.12.34.56.78", "0033612345678"])(
    "refuse un numéro de téléphone « %s » sur Instagram",
    (saisie) => {
      const r = refuse("instagram", saisie);
      expect(r.raison).toBe("telephone");
      expect(r.message).toContain("annuaire public");
    },
  );
});

describe("normalizeProfil : Snapchat", () => {
  it.each([
    "pdn-digne",
    "@pdn-digne",
    "snapchat.com/add/pdn-digne",
    "https://www.snapchat.com/add/pdn-digne?share_id=ODk2NDM0&locale=fr-FR",
    "https://snapchat.com/add/PDN-Digne/",
    "https://www.snapchat.com/@pdn-digne",
    "https://story.snapchat.com/u/pdn-digne",
  ])("accepte « %s »", (saisie) => {
    expect(accepte("snapchat", saisie)).toEqual({
      handle: "pdn-digne",
      url: "https://www.snapchat.com/add/pdn-digne",
      kind: "nom",
    });
  });

  it.each(["https://t.snapchat.com/Ab12Cd34", "https://www.snapchat.com/t/Ab12Cd34"])(
    "refuse le lien court « %s »",
    (saisie) => {
      const r = refuse("snapchat", saisie);
      expect(r.raison).toBe("lien_court");
      expect(r.message).toContain("https://www.snapchat.com/add/nom_du_compte");
    },
  );

  it.each(["4pdn", "pd", "pdn_", "pdn-digne-04-manosque", "pdn+digne"])(
    "refuse « %s » (3 à 15 caractères, une lettre au début, une lettre ou un chiffre à la fin)",
    (saisie) => {
      expect(refuse("snapchat", saisie).message).toContain("3 à 15 caractères");
    },
  );
});

describe("normalizeProfil : TikTok", () => {
  it.each([
    "pdn_04",
    "@pdn_04",
    "tiktok.com/@pdn_04",
    "https://www.tiktok.com/@pdn_04",
    "https://www.tiktok.com/@PDN_04?lang=fr&is_from_webapp=1",
    "https://m.tiktok.com/@pdn_04/",
    "https://www.tiktok.com/@pdn_04/video/7381234567890123456?is_from_webapp=1",
  ])("accepte « %s »", (saisie) => {
    expect(accepte("tiktok", saisie)).toEqual({ handle: "pdn_04", url: "https://www.tiktok.com/@pdn_04", kind: "nom" });
  });

  it.each(["https://vm.tiktok.com/ZMrAbCdEf/", "vt.tiktok.com/ZSabcdef", "https://www.tiktok.com/t/ZTRabcdef/"])(
    "refuse le lien court « %s » avec un message",
    (saisie) => {
      const r = refuse("tiktok", saisie);
      expect(r.raison).toBe("lien_court");
      expect(r.message).toBe(
        "Ce lien court TikTok ne montre pas le nom du compte : ouvrez-le, puis copiez l'adresse du profil, de la forme https://www.tiktok.com/@nom_du_compte",
      );
    },
  );

  it("refuse une adresse sans @ devant le nom", () => {
    expect(refuse("tiktok", "https://www.tiktok.com/pdn_04").message).toBe(
      "Cette adresse n'est pas une adresse TikTok : attendu https://www.tiktok.com/@nom_du_compte",
    );
  });

  it.each(["p", "pdn.", "pdn-04", "a".repeat(25)])("refuse le nom « %s »", (saisie) => {
    expect(refuse("tiktok", saisie).raison).toBe("nom_invalide");
  });
});

describe("normalizeProfil : Facebook", () => {
  it.each([
    "mjc.manosque",
    "@mjc.manosque",
    "facebook.com/mjc.manosque",
    "https://www.facebook.com/MJC.Manosque/",
    "https://m.facebook.com/mjc.manosque?ref=bookmarks",
    "https://fr-fr.facebook.com/mjc.manosque",
    "https://web.facebook.com/mjc.manosque/",
    "https://fb.com/mjc.manosque",
    "https://www.facebook.com/mjc.manosque/posts/pfbid0abc",
  ])("accepte la page « %s »", (saisie) => {
    expect(accepte("facebook", saisie)).toEqual({
      handle: "mjc.manosque",
      url: "https://www.facebook.com/mjc.manosque",
      kind: "nom",
    });
  });

  it.each([
    "https://www.facebook.com/profile.php?id=100089123456789",
    "facebook.com/profile.php?id=100089123456789&sk=about",
    "https://m.facebook.com/profile.php?id=100089123456789",
    "https://www.facebook.com/people/Promeneur-du-Net-Digne/100089123456789/",
    "https://www.facebook.com/100089123456789",
    "100089123456789",
  ])("accepte l'identifiant numérique « %s »", (saisie) => {
    expect(accepte("facebook", saisie)).toEqual({
      handle: "100089123456789",
      url: "https://www.facebook.com/profile.php?id=100089123456789",
      kind: "identifiant",
    });
  });

  it("accepte l'ancienne adresse d'une page avec des tirets", () => {
    expect(accepte("facebook", "https://www.facebook.com/Centre-Social-La-Marelle-123456789012345/").handle).toBe(
      "centre-social-la-marelle-123456789012345",
    );
    expect(accepte("facebook", "https://www.facebook.com/pages/Espace-Jeunes/123456789012345").url).toBe(
      "https://www.facebook.com/profile.php?id=123456789012345",
    );
  });

  it("refuse un groupe, qui n'est pas un compte", () => {
    const r = refuse("facebook", "https://www.facebook.com/groups/123456789/");
    expect(r.raison).toBe("groupe");
    expect(r.message).toContain("Un groupe Facebook n'est pas un compte");
  });

  it("refuse le lien de partage, qui cache le compte", () => {
    expect(refuse("facebook", "https://www.facebook.com/share/1AbCdEfGh/").raison).toBe("lien_court");
  });

  it.each([
    "https://www.facebook.com/watch/?v=123",
    "https://www.facebook.com/photo.php?fbid=123",
    "https://www.facebook.com/permalink.php?story_fbid=1&id=2",
  ])("refuse une publication « %s »", (saisie) => {
    expect(refuse("facebook", saisie).raison).toBe("publication");
  });

  it.each([
    "https://www.facebook.com/profile.php",
    "https://www.facebook.com/profile.php?id=abc",
    "https://www.facebook.com/",
    "https://www.facebook.com/login/",
  ])("refuse « %s »", (saisie) => {
    expect(refuse("facebook", saisie).message).toBe(
      "Cette adresse n'est pas une adresse Facebook : attendu https://www.facebook.com/nom.de.la.page",
    );
  });

  it.each(["mjc", "mjc_manosque"])(
    "refuse le nom « %s » (au moins 5 caractères, lettres, chiffres, points)",
    (saisie) => {
      expect(refuse("facebook", saisie).message).toContain("au moins 5 caractères");
    },
  );
});

describe("normalizeProfil : Discord", () => {
  it.each([
    ["discord.gg/AbCd3Fg", "AbCd3Fg"],
    ["https://discord.gg/AbCd3Fg", "AbCd3Fg"],
    ["https://discord.com/invite/AbCd3Fg", "AbCd3Fg"],
    ["https://discordapp.com/invite/AbCd3Fg/", "AbCd3Fg"],
    ["https://discord.gg/pdn-04", "pdn-04"],
  ])("accepte le lien d'invitation « %s » en gardant la casse du code", (saisie, code) => {
    expect(accepte("discord", saisie)).toEqual({
      handle: code,
      url: `https://discord.gg/${code}`,
      kind: "identifiant",
    });
  });

  it.each([
    "123456789012345678",
    "https://discord.com/channels/123456789012345678",
    "https://discord.com/channels/123456789012345678/987654321098765432",
    "https://discord.com/servers/promeneurs-du-net-04-123456789012345678",
  ])("accepte l'identifiant de serveur « %s »", (saisie) => {
    expect(accepte("discord", saisie)).toEqual({
      handle: "123456789012345678",
      url: "https://discord.com/channels/123456789012345678",
      kind: "identifiant",
    });
  });

  it.each(["pdn04", "@pdn04", "https://discord.com/users/123456789012345678"])(
    "refuse un nom d'utilisateur « %s » et explique pourquoi",
    (saisie) => {
      expect(refuse("discord", saisie).message).toBe(
        "Sur Discord, un nom d'utilisateur ne permet pas de vous rejoindre : indiquez le lien d'invitation de votre serveur (https://discord.gg/code_d_invitation) ou l'identifiant du serveur (17 à 20 chiffres).",
      );
    },
  );

  it.each(["https://discord.com/channels/@me", "https://discord.gg/", "https://discord.gg/ab_cd"])(
    "refuse « %s »",
    (saisie) => {
      expect(refuse("discord", saisie).raison).toBe("forme");
    },
  );
});

describe("normalizeProfil : WhatsApp", () => {
  it.each([
    "https://whatsapp.com/channel/0029VaHGpcT4o7qSHyjHyT3O",
    "whatsapp.com/channel/0029VaHGpcT4o7qSHyjHyT3O",
    "https://www.whatsapp.com/channel/0029VaHGpcT4o7qSHyjHyT3O/",
  ])("accepte la chaîne « %s »", (saisie) => {
    expect(accepte("whatsapp", saisie)).toEqual({
      handle: "0029VaHGpcT4o7qSHyjHyT3O",
      url: "https://whatsapp.com/channel/0029VaHGpcT4o7qSHyjHyT3O",
      kind: "identifiant",
    });
  });

  it("accepte le lien court wa.me/message de WhatsApp Business", () => {
    expect(accepte("whatsapp", "wa.me/message/ABCDEFGHIJ1K1")).toEqual({
      handle: "ABCDEFGHIJ1K1",
      url: "https://wa.me/message/ABCDEFGHIJ1K1",
      kind: "identifiant",
    });
  });

  it.each([
    "06 12 34 56 78",
    "+33 6 12 34 56 78",
    "33612345678",
    "wa.me/33612345678",
    "https://wa.me/+33612345678?text=Bonjour",
    "https://api.whatsapp.com/send?phone=33612345678",
    "https://web.whatsapp.com/send?phone=33612345678&text=coucou",
    "https://wa.me/c/33612345678",
  ])("refuse le numéro de téléphone « %s » et explique pourquoi", (saisie) => {
    const r = refuse("whatsapp", saisie);
    expect(r.raison).toBe("telephone");
    expect(r.message).toContain("Un numéro de téléphone n'est pas accepté, même professionnel");
    expect(r.message).toContain("l'annuaire est public");
    expect(r.message).toContain("https://whatsapp.com/channel/");
  });

  it("refuse une invitation dans un groupe, qui montre le numéro de chaque participant", () => {
    const r = refuse("whatsapp", "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv");
    expect(r.raison).toBe("groupe");
    expect(r.message).toContain("chaque participant voit le numéro des autres");
  });

  it("refuse un nom seul, qui ne mène nulle part sur WhatsApp", () => {
    expect(refuse("whatsapp", "pdn04").message).toBe(
      "Sur WhatsApp, indiquez le lien d'une chaîne ou un lien wa.me/message/… : attendu https://whatsapp.com/channel/identifiant_de_la_chaine",
    );
  });
});

describe("normalizeProfil : YouTube", () => {
  it.each([
    "@pdn04-digne",
    "pdn04-digne",
    "youtube.com/@pdn04-digne",
    "https://www.youtube.com/@PDN04-Digne",
    "https://m.youtube.com/@pdn04-digne/videos",
    "https://www.youtube.com/@pdn04-digne/featured?si=abc",
  ])("accepte « %s »", (saisie) => {
    expect(accepte("youtube", saisie)).toEqual({
      handle: "pdn04-digne",
      url: "https://www.youtube.com/@pdn04-digne",
      kind: "nom",
    });
  });

  it("accepte une poignée avec des accents, que YouTube autorise", () => {
    expect(accepte("youtube", "https://www.youtube.com/@Mairie-de-Forcalquier-Jeunesse").handle).toBe(
      "mairie-de-forcalquier-jeunesse",
    );
    expect(accepte("youtube", "@Éducation.Populaire").handle).toBe("éducation.populaire");
    expect(accepte("youtube", "https://www.youtube.com/@%C3%A9ducation.populaire").handle).toBe("éducation.populaire");
  });

  it("accepte l'adresse d'une chaîne par son identifiant UC…", () => {
    const id = "UCabcdefghijklmnopqrstuv";
    expect(accepte("youtube", `https://www.youtube.com/channel/${id}`)).toEqual({
      handle: id,
      url: `https://www.youtube.com/channel/${id}`,
      kind: "identifiant",
    });
    expect(accepte("youtube", id).kind).toBe("identifiant");
  });

  it.each(["https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube.com/shorts/abc"])(
    "refuse la vidéo « %s »",
    (saisie) => {
      expect(refuse("youtube", saisie).raison).toBe("publication");
    },
  );

  it.each(["https://www.youtube.com/c/PDN04", "https://www.youtube.com/user/pdn04"])(
    "refuse l'ancienne adresse « %s » en demandant l'adresse en @",
    (saisie) => {
      expect(refuse("youtube", saisie).message).toContain("copiez l'adresse en @");
    },
  );

  it.each(["ab", ".pdn", "a".repeat(31)])("refuse la poignée « %s »", (saisie) => {
    expect(refuse("youtube", saisie).message).toContain("3 à 30 caractères");
  });
});

describe("normalizeProfil : Twitch", () => {
  it.each([
    "pdn_04",
    "@PDN_04",
    "twitch.tv/pdn_04",
    "https://www.twitch.tv/pdn_04",
    "https://m.twitch.tv/pdn_04/videos?filter=archives",
  ])("accepte « %s »", (saisie) => {
    expect(accepte("twitch", saisie)).toEqual({ handle: "pdn_04", url: "https://www.twitch.tv/pdn_04", kind: "nom" });
  });

  it.each(["_pdn04", "pdn", "pdn.04", "a".repeat(26)])("refuse le nom « %s »", (saisie) => {
    expect(refuse("twitch", saisie).message).toContain("4 à 25 caractères");
  });

  it("refuse une vidéo et le répertoire", () => {
    expect(refuse("twitch", "https://www.twitch.tv/videos/123456").raison).toBe("publication");
    expect(refuse("twitch", "https://www.twitch.tv/directory").raison).toBe("forme");
  });
});

describe("normalizeProfil : X", () => {
  it.each([
    "pdn_04",
    "@PDN_04",
    "x.com/pdn_04",
    "https://x.com/pdn_04",
    "https://twitter.com/pdn_04",
    "https://www.twitter.com/PDN_04?lang=fr",
    "https://mobile.twitter.com/pdn_04",
    "https://x.com/pdn_04/status/1790000000000000000",
  ])("accepte « %s », twitter.com compris", (saisie) => {
    expect(accepte("x", saisie)).toEqual({ handle: "pdn_04", url: "https://x.com/pdn_04", kind: "nom" });
  });

  it("refuse le lien court t.co", () => {
    expect(refuse("x", "https://t.co/AbCdEf").raison).toBe("lien_court");
  });

  it.each(["https://x.com/home", "https://x.com/search?q=pdn", "https://twitter.com/i/lists/1"])(
    "refuse « %s »",
    (saisie) => {
      expect(refuse("x", saisie).message).toBe(
        "Cette adresse n'est pas une adresse X : attendu https://x.com/nom_du_compte",
      );
    },
  );

  it.each(["pdn.04", "a".repeat(16)])("refuse le nom « %s »", (saisie) => {
    expect(refuse("x", saisie).message).toContain("15 caractères au plus");
  });
});

describe("normalizeProfil : Messenger", () => {
  it.each([
    "mjc.manosque",
    "m.me/mjc.manosque",
    "https://m.me/MJC.Manosque",
    "https://www.messenger.com/t/mjc.manosque",
  ])("accepte « %s »", (saisie) => {
    expect(accepte("messenger", saisie)).toEqual({
      handle: "mjc.manosque",
      url: "https://m.me/mjc.manosque",
      kind: "nom",
    });
  });

  it("accepte un identifiant numérique", () => {
    expect(accepte("messenger", "https://m.me/100089123456789")).toEqual({
      handle: "100089123456789",
      url: "https://m.me/100089123456789",
      kind: "identifiant",
    });
  });

  it("refuse une invitation dans une discussion de groupe", () => {
    expect(refuse("messenger", "https://m.me/j/AbCdEf123/").raison).toBe("groupe");
  });

  it("signale qu'une adresse Facebook relève du réseau Facebook", () => {
    expect(refuse("messenger", "https://www.facebook.com/mjc.manosque").raison).toBe("autre_reseau");
  });
});

describe("normalizeProfil : Threads", () => {
  it.each([
    "pdn_04",
    "@pdn_04",
    "threads.net/@pdn_04",
    "https://www.threads.net/@PDN_04",
    "https://www.threads.com/@pdn_04?xmt=abc",
    "https://www.threads.com/@pdn_04/post/C8abc",
  ])("accepte « %s », threads.net et threads.com", (saisie) => {
    expect(accepte("threads", saisie)).toEqual({
      handle: "pdn_04",
      url: "https://www.threads.com/@pdn_04",
      kind: "nom",
    });
  });

  it("refuse une adresse sans @", () => {
    expect(refuse("threads", "https://www.threads.net/pdn_04").message).toBe(
      "Cette adresse n'est pas une adresse Threads : attendu https://www.threads.com/@nom_du_compte",
    );
  });
});

describe("normalizeProfil : autre réseau", () => {
  it.each([
    ["mastodon.social/@pdn04/", "mastodon.social/@pdn04", "https://mastodon.social/@pdn04"],
    ["https://Mastodon.Social/@pdn04#fil", "mastodon.social/@pdn04", "https://mastodon.social/@pdn04"],
    ["@pdn04@mastodon.social", "mastodon.social/@pdn04", "https://mastodon.social/@pdn04"],
    [
      "https://bsky.app/profile/pdn04.bsky.social",
      "bsky.app/profile/pdn04.bsky.social",
      "https://bsky.app/profile/pdn04.bsky.social",
    ],
    ["http://mjc-manosque.fr/", "mjc-manosque.fr", "http://mjc-manosque.fr"],
    ["https://exemple.fr/page?id=12", "exemple.fr/page", "https://exemple.fr/page?id=12"],
  ])("accepte « %s »", (saisie, handle, url) => {
    expect(accepte("autre", saisie)).toEqual({ handle, url, kind: "nom" });
  });

  it("refuse l'adresse d'un réseau de la liste et dit lequel choisir", () => {
    expect(refuse("autre", "https://www.instagram.com/pdn_04/").message).toBe(
      "Cette adresse est une adresse Instagram : choisissez Instagram dans la liste des réseaux.",
    );
  });

  it.each(["pdn04", "ftp://exemple.fr/pdn", "https://localhost/pdn", "https://moi:secret@exemple.fr/"])(
    "refuse « %s », qui n'est pas une adresse de page",
    (saisie) => {
      expect(refuse("autre", saisie).message).toBe(
        "Pour un autre réseau, saisissez l'adresse complète de la page : attendu https://exemple.fr/votre-page",
      );
    },
  );
});

describe("normalizeProfil : propriétés", () => {
  function memeResultat(a: NormalisationProfil, b: NormalisationProfil) {
    expect(b).toEqual(a);
  }

  it("refuse comme nom un mot réservé par le réseau (« i » sur X, « explore » sur Instagram)", () => {
    expect(normalizeProfil("x", "I")).toMatchObject({ ok: false, raison: "nom_invalide" });
    expect(normalizeProfil("instagram", "@explore")).toMatchObject({ ok: false, raison: "nom_invalide" });
    expect(normalizeProfil("instagram", "p")).toMatchObject({ ok: false, raison: "nom_invalide" });
    expect(normalizeProfil("x", "pdn_digne")).toMatchObject({ ok: true, url: "https://x.com/pdn_digne" });
  });

  it("redonne le même profil quand on lui redonne son adresse canonique, quelle que soit la saisie", async () => {
    const saisie = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc
        .tuple(
          fc.constantFrom("", "@", "https://", "http://www.", "m.", "instagram.com/", "tiktok.com/@", "x.com/"),
          fc.string({ maxLength: 30 }),
          fc.constantFrom("", "/", "?hl=fr", "/#"),
        )
        .map((parts) => parts.join("")),
    );
    await fc.assert(
      fc.property(fc.constantFrom(...RESEAUX), saisie, (reseau, texte) => {
        const premier = normalizeProfil(reseau, texte);
        if (!premier.ok) return;
        memeResultat(premier, normalizeProfil(reseau, premier.url));
      }),
      { numRuns: 2000 },
    );
  });

  it("lit de la même façon le nom seul, le nom avec @ et toutes les formes d'adresse", async () => {
    const formes: Record<Exclude<Reseau, "autre" | "discord" | "whatsapp">, (h: string) => string[]> = {
      instagram: (h) => [`instagram.com/${h}`, `https://m.instagram.com/${h}/?hl=fr`],
      threads: (h) => [`threads.net/@${h}`, `https://www.threads.com/@${h}/`],
      snapchat: (h) => [`snapchat.com/add/${h}`, `https://www.snapchat.com/@${h}?locale=fr`],
      tiktok: (h) => [`tiktok.com/@${h}`, `https://m.tiktok.com/@${h}/?lang=fr`],
      facebook: (h) => [`facebook.com/${h}`, `https://m.facebook.com/${h}/?ref=x`],
      messenger: (h) => [`m.me/${h}`, `https://www.messenger.com/t/${h}`],
      youtube: (h) => [`youtube.com/@${h}`, `https://m.youtube.com/@${h}/videos`],
      twitch: (h) => [`twitch.tv/${h}`, `https://m.twitch.tv/${h}/`],
      x: (h) => [`twitter.com/${h}`, `https://mobile.x.com/${h}?s=20`],
    };
    // "pdn" devant : un vrai nom de compte, jamais un mot réservé du réseau (explore, home…).
    const noms: Record<keyof typeof formes, fc.Arbitrary<string>> = {
      instagram: fc.stringMatching(/^[a-z0-9_]{0,27}$/),
      threads: fc.stringMatching(/^[a-z0-9_]{0,27}$/),
      snapchat: fc.stringMatching(/^[a-z0-9_-]{0,11}[a-z0-9]$/),
      tiktok: fc.stringMatching(/^[a-z0-9_]{0,21}$/),
      facebook: fc.stringMatching(/^[a-z0-9]{2,40}$/),
      messenger: fc.stringMatching(/^[a-z0-9]{2,40}$/),
      youtube: fc.stringMatching(/^[a-z0-9_-]{0,27}$/),
      twitch: fc.stringMatching(/^[a-z0-9_]{1,22}$/),
      x: fc.stringMatching(/^[a-z0-9_]{1,12}$/),
    };
    for (const reseau of Object.keys(formes) as (keyof typeof formes)[]) {
      await fc.assert(
        fc.property(noms[reseau], fc.boolean(), (suite, majuscules) => {
          const nom = `pdn${suite}`;
          const saisi = majuscules ? nom.toUpperCase() : nom;
          const attendu = normalizeProfil(reseau, nom);
          expect(attendu).toMatchObject({ ok: true, handle: nom, kind: "nom" });
          for (const variante of [saisi, `@${saisi}`, ...formes[reseau](saisi)]) {
            memeResultat(attendu, normalizeProfil(reseau, variante));
          }
        }),
        { numRuns: 200 },
      );
    }
  });

  it("redonne la même adresse pour toute adresse web acceptée comme autre réseau", async () => {
    await fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const premier = normalizeProfil("autre", url);
        if (!premier.ok) return;
        memeResultat(premier, normalizeProfil("autre", premier.url));
      }),
      { numRuns: 500 },
    );
  });

  it("n'accepte jamais d'espace ni de caractère de contrôle dans le nom ou l'adresse", async () => {
    await fc.assert(
      fc.property(fc.constantFrom(...RESEAUX), fc.string({ unit: "binary", maxLength: 40 }), (reseau, texte) => {
        const resultat = normalizeProfil(reseau, texte);
        if (!resultat.ok) return;
        expect(resultat.handle).not.toMatch(/[\s\p{Cc}\p{Cf}]/u);
        expect(resultat.url).not.toMatch(/[\s\p{Cc}\p{Cf}]/u);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("personalHandleWarning", () => {
  const julie = { prenom: "Julie", nom: "Martin" };

  it.each([
    ["julie.martin", "martin"],
    ["martinjulie", "martin"],
    ["JulieMartin_", "martin"],
  ])("avertit quand « %s » contient le nom de famille sans marqueur professionnel", (handle, indice) => {
    const avertissement = personalHandleWarning(handle, julie);
    expect(avertissement).toMatchObject({ regle: "nom_de_famille", indice });
    expect(avertissement?.message).toContain("votre nom de famille (« martin »)");
    expect(avertissement?.message).toContain("vérifiez qu'il s'agit bien de votre compte professionnel");
  });

  it.each([
    "julie.martin.pdn",
    "pdn04_julie_martin",
    "martin_promeneuse",
    "julie.martin.mjc",
    "martin.centresocial",
    "julie_martin_officiel",
  ])("n'avertit pas quand « %s » porte un marqueur professionnel", (handle) => {
    expect(personalHandleWarning(handle, julie)).toBeNull();
  });

  it("compte les mots du nom de la structure comme marqueurs", () => {
    const personne = { ...julie, structure: "Les Vieilles Pierres" };
    expect(personalHandleWarning("julie.martin.vieillespierres", personne)).toBeNull();
    expect(personalHandleWarning("julie.martin", personne)?.regle).toBe("nom_de_famille");
  });

  it("ne prend pas un marqueur caché dans le nom de famille", () => {
    expect(personalHandleWarning("paul.villeneuve", { prenom: "Paul", nom: "Villeneuve" })?.regle).toBe(
      "nom_de_famille",
    );
    expect(personalHandleWarning("paul.villeneuve.pdn", { prenom: "Paul", nom: "Villeneuve" })).toBeNull();
  });

  it("ignore les accents, les particules et lit les noms composés", () => {
    expect(personalHandleWarning("lea_lefevre", { prenom: "Léa", nom: "Lefèvre" })?.indice).toBe("lefevre");
    expect(personalHandleWarning("jean.fontaine", { prenom: "Jean", nom: "de La Fontaine" })?.indice).toBe("fontaine");
    expect(personalHandleWarning("sam.dupont", { prenom: "Sam", nom: "Martin-Dupont" })?.indice).toBe("dupont");
    expect(personalHandleWarning("sam.martindupont", { prenom: "Sam", nom: "Martin-Dupont" })?.indice).toBe(
      "martindupont",
    );
  });

  it("ne cherche un nom court que comme un mot entier", () => {
    const roy = { prenom: "Anne", nom: "Roy" };
    expect(personalHandleWarning("troyes_jeux", roy)).toBeNull();
    expect(personalHandleWarning("anne.roy", roy)).toMatchObject({ regle: "nom_de_famille", indice: "roy" });
  });

  it.each(["julie.m", "julie_m", "juliem", "m.julie"])("avertit pour le prénom et l'initiale « %s »", (handle) => {
    expect(personalHandleWarning(handle, julie)?.regle).toBe("prenom_et_initiale");
  });

  it.each(["julie_pdn", "julie", "julie.mjc.m", "juliette.m"])("n'avertit pas pour « %s »", (handle) => {
    expect(personalHandleWarning(handle, julie)).toBeNull();
  });

  it.each([
    ["juju1987", "1987"],
    ["lolo_2003", "2003"],
    ["sk8.1975.x", "1975"],
  ])("avertit quand « %s » contient une année de naissance (%s)", (handle, annee) => {
    const avertissement = personalHandleWarning(handle, julie);
    expect(avertissement).toMatchObject({ regle: "annee_de_naissance", indice: annee });
    expect(avertissement?.message).toContain(`« ${annee} », qui ressemble à une année de naissance`);
  });

  it.each(["pdn_1987", "espacejeunes2004", "julie2024", "juju19875", "id1939", "team2010"])(
    "n'avertit pas pour « %s » (marqueur, ou nombre qui n'est pas une année de naissance)",
    (handle) => {
      expect(personalHandleWarning(handle, julie)).toBeNull();
    },
  );

  it.each([
    ["julie_perso", "perso"],
    ["pdn_perso", "perso"],
    ["juliefamille", "famille"],
    ["julie.prive", "prive"],
    ["julie.privé", "prive"],
    ["bff.julie", "bff"],
  ])("avertit pour le mot personnel de « %s », même à côté d'un marqueur", (handle, indice) => {
    expect(personalHandleWarning(handle, julie)).toMatchObject({ regle: "mot_personnel", indice });
  });

  it("n'avertit pas pour des noms de compte professionnels courants", () => {
    for (const handle of [
      "pdn_digne",
      "promeneur.manosque",
      "mjc_sisteron",
      "pij.forcalquier",
      "espacejeunes_oraison",
      "centre_social_la_marelle",
      "mission.locale.04",
      "julie_pdn04",
      "julie.promeneuse.du.net",
    ]) {
      expect(personalHandleWarning(handle, julie), handle).toBeNull();
    }
  });

  it("donne la première règle déclenchée, dans l'ordre documenté", () => {
    expect(personalHandleWarning("julie.martin.perso", julie)?.regle).toBe("mot_personnel");
    expect(personalHandleWarning("julie.martin.1987", julie)?.regle).toBe("nom_de_famille");
    expect(personalHandleWarning("julie.m.1987", julie)?.regle).toBe("annee_de_naissance");
  });
});

describe("statutProfil et prochaineEcheance", () => {
  const le = (iso: string) => new Date(iso);

  it("est à vérifier quand le profil n'a jamais été vérifié", () => {
    expect(statutProfil(null, null, new Date("2024-06-01T10:00:00Z"))).toBe("a_verifier");
    expect(prochaineEcheance(null)).toBeNull();
  });

  it("est à vérifier quand le résultat recopié manque ou n'est pas connu", () => {
    const now = new Date("2024-04-01T10:00:00Z");
    expect(statutProfil(le("2024-03-15T10:00:00Z"), null, now)).toBe("a_verifier");
    expect(statutProfil(le("2024-03-15T10:00:00Z"), "peut-etre", now)).toBe("a_verifier");
    expect(statutProfil(null, "conforme", now)).toBe("a_verifier");
  });

  // Décision : une vérification du 15 mars tient jusqu'au 15 septembre inclus (elle a alors
  // exactement six mois, pas plus) ; le profil est à vérifier dès le 16 septembre à 0 h, heure de Paris.
  describe("limite des six mois (vérification le 15 mars 2024 à 11 h, heure de Paris)", () => {
    const verifieLe = le("2024-03-15T10:00:00Z");
    const statut = (now: string) => statutProfil(verifieLe, "conforme", new Date(now));

    it("donne le 15 septembre 2024 comme échéance", () => {
      expect(prochaineEcheance(verifieLe)?.toISOString()).toBe("2024-09-14T22:00:00.000Z");
    });

    it("est encore conforme la veille de l'échéance", () => {
      expect(statut("2024-09-14T12:00:00Z")).toBe("conforme");
    });

    it("est encore conforme le jour même des six mois, à 0 h comme à 23 h 59 (heure de Paris)", () => {
      expect(statut("2024-09-14T22:00:00Z")).toBe("conforme");
      expect(statut("2024-09-15T10:00:00Z")).toBe("conforme");
      expect(statut("2024-09-15T21:59:59.999Z")).toBe("conforme");
    });

    it("est à vérifier le lendemain dès 0 h à Paris, alors qu'il est encore le 15 en UTC", () => {
      expect(statut("2024-09-15T22:00:00Z")).toBe("a_verifier");
      expect(statut("2025-01-01T00:00:00Z")).toBe("a_verifier");
    });
  });

  it("compte le jour de la vérification à l'heure de Paris (0 h 30 le 1er mars = 23 h 30 UTC la veille)", () => {
    const verifieLe = le("2024-02-29T23:30:00Z");
    expect(prochaineEcheance(verifieLe)?.toISOString()).toBe("2024-08-31T22:00:00.000Z");
    expect(statutProfil(verifieLe, "conforme", new Date("2024-09-01T12:00:00Z"))).toBe("conforme");
    expect(statutProfil(verifieLe, "conforme", new Date("2024-09-01T22:00:00Z"))).toBe("a_verifier");
  });

  it("ne se décale pas d'une heure à travers les changements d'heure", () => {
    // Vérifié le 27 octobre 2024 à 2 h 30 (heure d'été, avant le retour à l'heure d'hiver).
    const automne = le("2024-10-27T00:30:00Z");
    expect(prochaineEcheance(automne)?.toISOString()).toBe("2025-04-26T22:00:00.000Z");
    expect(statutProfil(automne, "conforme", new Date("2025-04-27T21:59:59Z"))).toBe("conforme");
    expect(statutProfil(automne, "conforme", new Date("2025-04-27T22:00:00Z"))).toBe("a_verifier");
    // Vérifié le 31 mars 2024 à 1 h 30 (heure d'hiver, juste avant le passage à l'heure d'été).
    const printemps = le("2024-03-31T00:30:00Z");
    expect(prochaineEcheance(printemps)?.toISOString()).toBe("2024-09-29T22:00:00.000Z");
    expect(statutProfil(printemps, "conforme", new Date("2024-09-30T21:59:59Z"))).toBe("conforme");
    expect(statutProfil(printemps, "conforme", new Date("2024-09-30T22:00:00Z"))).toBe("a_verifier");
  });

  it("ramène au dernier jour du mois : vérifié le 31 août, valable jusqu'au 28 février", () => {
    const verifieLe = le("2024-08-31T08:00:00Z");
    expect(prochaineEcheance(verifieLe)?.toISOString()).toBe("2025-02-27T23:00:00.000Z");
    expect(statutProfil(verifieLe, "conforme", new Date("2025-02-28T22:59:59Z"))).toBe("conforme");
    expect(statutProfil(verifieLe, "conforme", new Date("2025-02-28T23:00:00Z"))).toBe("a_verifier");
  });

  it("donne le résultat de la dernière vérification tant qu'elle vaut", () => {
    expect(statutProfil(le("2024-06-01T08:00:00Z"), "non_conforme", new Date("2024-07-01T08:00:00Z"))).toBe(
      "non_conforme",
    );
    expect(statutProfil(le("2024-06-01T08:00:00Z"), "conforme", new Date("2024-07-01T08:00:00Z"))).toBe("conforme");
  });

  it("met à vérifier un profil non conforme dont la vérification est trop ancienne", () => {
    expect(statutProfil(le("2023-01-10T08:00:00Z"), "non_conforme", new Date("2024-01-10T08:00:00Z"))).toBe(
      "a_verifier",
    );
  });

  it("accepte un autre délai en mois", () => {
    const verifieLe = le("2024-03-15T10:00:00Z");
    expect(statutProfil(verifieLe, "conforme", new Date("2024-12-01T10:00:00Z"), 12)).toBe("conforme");
    expect(statutProfil(verifieLe, "conforme", new Date("2024-04-16T10:00:00Z"), 1)).toBe("a_verifier");
    expect(prochaineEcheance(verifieLe, 12)?.toISOString()).toBe("2025-03-14T23:00:00.000Z");
  });

  it("refuse un délai qui n'est pas un nombre entier de mois positif et une date invalide", () => {
    expect(() => statutProfil(null, null, new Date(), 0)).toThrow(RangeError);
    expect(() => prochaineEcheance(null, 1.5)).toThrow(RangeError);
    expect(() => statutProfil(le("pas une date"), "conforme", new Date("2024-01-01T00:00:00Z"))).toThrow(RangeError);
  });

  it("ne change de statut qu'une fois, et pour de bon, après l'échéance", async () => {
    await fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 0, max: 800 * 24 * 3600 * 1000 }),
        (at, delai, ecart) => {
          const echeance = prochaineEcheance(at, delai);
          if (!echeance) throw new Error("échéance attendue");
          const statut = (now: Date) => statutProfil(at, "conforme", now, delai);
          // Un jour à Paris dure 23, 24 ou 25 heures : 36 heures après minuit, on est le lendemain.
          const lendemain = debutJourParis(jourParis(new Date(echeance.getTime() + 36 * 3600 * 1000)));
          expect(statut(echeance)).toBe("conforme");
          expect(statut(new Date(lendemain.getTime() - 1))).toBe("conforme");
          expect(statut(lendemain)).toBe("a_verifier");
          const now = new Date(at.getTime() + ecart);
          expect(statut(now)).toBe(now < lendemain ? "conforme" : "a_verifier");
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("resultatVerification", () => {
  const tout = CONTROLES_CONFORMITE.map((code) => ({ code, coche: true }));

  it("est conforme quand tous les contrôles obligatoires sont cochés", () => {
    expect(resultatVerification(tout, CONTROLES_CONFORMITE)).toEqual({
      resultat: "conforme",
      manquants: [],
      codesManquants: [],
    });
  });

  it("ne tient pas compte des contrôles facultatifs non cochés", () => {
    const checklist = tout.map((c) => (c.code === "horaires_indiques" ? { ...c, coche: false } : c));
    expect(resultatVerification(checklist, CONTROLES_SOCLE_NATIONAL).resultat).toBe("conforme");
  });

  it("est non conforme avec les libellés manquants, dans l'ordre des obligatoires", () => {
    const checklist = tout.map((c) =>
      c.code === "photo_identite" || c.code === "identite_visuelle_pdn" ? { ...c, coche: false } : c,
    );
    expect(resultatVerification(checklist, CONTROLES_SOCLE_NATIONAL)).toEqual({
      resultat: "non_conforme",
      manquants: [controleConformiteLabels.photo_identite, controleConformiteLabels.identite_visuelle_pdn],
      codesManquants: ["photo_identite", "identite_visuelle_pdn"],
    });
    expect(resultatVerification(checklist, CONTROLES_SOCLE_NATIONAL).manquants).toEqual([
      "Photo d'identité",
      "Identité visuelle Promeneurs du Net",
    ]);
  });

  it("compte comme manquant un contrôle obligatoire absent de la liste cochée", () => {
    expect(
      resultatVerification([{ code: "photo_identite", coche: true }], ["photo_identite", "prenom_affiche"]),
    ).toEqual({
      resultat: "non_conforme",
      manquants: ["Prénom affiché"],
      codesManquants: ["prenom_affiche"],
    });
    expect(resultatVerification([], CONTROLES_SOCLE_NATIONAL).manquants).toHaveLength(5);
  });

  it("ne répète pas un contrôle obligatoire donné deux fois, et le tient pour coché s'il l'est une fois", () => {
    expect(
      resultatVerification(
        [
          { code: "photo_identite", coche: false },
          { code: "photo_identite", coche: true },
        ],
        ["photo_identite", "photo_identite", "prenom_affiche", "prenom_affiche"],
      ).codesManquants,
    ).toEqual(["prenom_affiche"]);
  });

  it("nomme un contrôle ajouté par la coordination par son libellé s'il est donné, sinon par son code", () => {
    expect(resultatVerification([], ["bio_a_jour"]).manquants).toEqual(["bio_a_jour"]);
    expect(resultatVerification([], ["bio_a_jour"], { bio_a_jour: "Biographie à jour" }).manquants).toEqual([
      "Biographie à jour",
    ]);
  });

  it("est conforme quand aucun contrôle n'est obligatoire", () => {
    expect(resultatVerification([], []).resultat).toBe("conforme");
  });
});
