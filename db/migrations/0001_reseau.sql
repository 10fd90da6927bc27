CREATE TABLE "parametres_departement" (
	"departement" text PRIMARY KEY NOT NULL,
	"delai_verification_mois" integer DEFAULT 6 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taches_planifiees" (
	"nom" text PRIMARY KEY NOT NULL,
	"prochaine_execution" timestamp with time zone NOT NULL,
	"verrou_jusqua" timestamp with time zone,
	"verrou_par" text,
	"derniere_execution" timestamp with time zone,
	"derniere_erreur" text
);
--> statement-breakpoint
CREATE TABLE "fichiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text,
	"nom" text NOT NULL,
	"type_mime" text NOT NULL,
	"taille" integer NOT NULL,
	"sha256" text NOT NULL,
	"contenu" "bytea" NOT NULL,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "annonce_destinataires" (
	"annonce_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"lu_le" timestamp with time zone,
	CONSTRAINT "annonce_destinataires_annonce_id_user_id_pk" PRIMARY KEY("annonce_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "annonces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"titre" text NOT NULL,
	"corps" text NOT NULL,
	"audience" text NOT NULL,
	"auteur_id" uuid,
	"publiee_le" timestamp with time zone DEFAULT now() NOT NULL,
	"destinataires" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "controles_conformite" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"code" text NOT NULL,
	"libelle" text NOT NULL,
	"socle_national" boolean DEFAULT false NOT NULL,
	"actif" boolean DEFAULT true NOT NULL,
	"ordre" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creneaux_presence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"promeneur_id" uuid NOT NULL,
	"jour" smallint NOT NULL,
	"debut" smallint NOT NULL,
	"fin" smallint NOT NULL,
	"reseaux" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "creneaux_presence_valid" CHECK ("creneaux_presence"."jour" between 1 and 7 and "creneaux_presence"."debut" >= 0 and "creneaux_presence"."fin" <= 1440 and "creneaux_presence"."debut" < "creneaux_presence"."fin")
);
--> statement-breakpoint
CREATE TABLE "exceptions_presence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"promeneur_id" uuid NOT NULL,
	"du" date NOT NULL,
	"au" date NOT NULL,
	"motif" text,
	CONSTRAINT "exceptions_presence_dates" CHECK ("exceptions_presence"."du" <= "exceptions_presence"."au")
);
--> statement-breakpoint
CREATE TABLE "profils_sociaux" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"promeneur_id" uuid NOT NULL,
	"reseau" text NOT NULL,
	"handle" text NOT NULL,
	"url" text NOT NULL,
	"avertissement_accepte" boolean DEFAULT false NOT NULL,
	"derniere_verification_le" timestamp with time zone,
	"dernier_resultat" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promeneur_territoires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"promeneur_id" uuid NOT NULL,
	"commune_code" text,
	"epci_siren" text,
	CONSTRAINT "promeneur_territoires_unique" UNIQUE NULLS NOT DISTINCT("promeneur_id","commune_code","epci_siren"),
	CONSTRAINT "promeneur_territoires_one" CHECK (("promeneur_territoires"."commune_code" is null) <> ("promeneur_territoires"."epci_siren" is null))
);
--> statement-breakpoint
CREATE TABLE "promeneurs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"structure_id" uuid NOT NULL,
	"user_id" uuid,
	"prenom" text NOT NULL,
	"nom" text NOT NULL,
	"email" text NOT NULL,
	"telephone" text,
	"fonction" text NOT NULL,
	"nom_public" text NOT NULL,
	"slug" text NOT NULL,
	"bio" text,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"age_min" smallint DEFAULT 12 NOT NULL,
	"age_max" smallint DEFAULT 25 NOT NULL,
	"photo_id" uuid,
	"heures_hebdomadaires" numeric(4, 1) NOT NULL,
	"statut" text NOT NULL,
	"statut_depuis" timestamp with time zone DEFAULT now() NOT NULL,
	"motif_statut" text,
	"propose_par" uuid NOT NULL,
	"propose_le" timestamp with time zone NOT NULL,
	"charte_signee_le" timestamp with time zone,
	"formation_initiale_le" timestamp with time zone,
	"entree_le" timestamp with time zone,
	"sortie_le" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promeneurs_ages" CHECK ("promeneurs"."age_min" >= 10 and "promeneurs"."age_max" <= 30 and "promeneurs"."age_min" <= "promeneurs"."age_max")
);
--> statement-breakpoint
CREATE TABLE "verifications_profil" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"profil_id" uuid NOT NULL,
	"verifie_le" timestamp with time zone NOT NULL,
	"verifie_par" uuid,
	"resultat" text NOT NULL,
	"controles" jsonb NOT NULL,
	"manques" text,
	"commentaire" text
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "promeneur_id" uuid;--> statement-breakpoint
ALTER TABLE "structures" ADD COLUMN "code_postal" text;--> statement-breakpoint
ALTER TABLE "structures" ADD COLUMN "site_web" text;--> statement-breakpoint
ALTER TABLE "structures" ADD COLUMN "charte_signee_le" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "structures" ADD COLUMN "charte_signataire" text;--> statement-breakpoint
ALTER TABLE "structures" ADD COLUMN "charte_document_id" uuid;--> statement-breakpoint
ALTER TABLE "parametres_departement" ADD CONSTRAINT "parametres_departement_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fichiers" ADD CONSTRAINT "fichiers_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annonce_destinataires" ADD CONSTRAINT "annonce_destinataires_annonce_id_annonces_id_fk" FOREIGN KEY ("annonce_id") REFERENCES "public"."annonces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annonce_destinataires" ADD CONSTRAINT "annonce_destinataires_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annonces" ADD CONSTRAINT "annonces_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annonces" ADD CONSTRAINT "annonces_auteur_id_users_id_fk" FOREIGN KEY ("auteur_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "controles_conformite" ADD CONSTRAINT "controles_conformite_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creneaux_presence" ADD CONSTRAINT "creneaux_presence_promeneur_id_promeneurs_id_fk" FOREIGN KEY ("promeneur_id") REFERENCES "public"."promeneurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exceptions_presence" ADD CONSTRAINT "exceptions_presence_promeneur_id_promeneurs_id_fk" FOREIGN KEY ("promeneur_id") REFERENCES "public"."promeneurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profils_sociaux" ADD CONSTRAINT "profils_sociaux_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profils_sociaux" ADD CONSTRAINT "profils_sociaux_promeneur_id_promeneurs_id_fk" FOREIGN KEY ("promeneur_id") REFERENCES "public"."promeneurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promeneur_territoires" ADD CONSTRAINT "promeneur_territoires_promeneur_id_promeneurs_id_fk" FOREIGN KEY ("promeneur_id") REFERENCES "public"."promeneurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promeneur_territoires" ADD CONSTRAINT "promeneur_territoires_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promeneur_territoires" ADD CONSTRAINT "promeneur_territoires_epci_siren_epci_siren_fk" FOREIGN KEY ("epci_siren") REFERENCES "public"."epci"("siren") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promeneurs" ADD CONSTRAINT "promeneurs_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promeneurs" ADD CONSTRAINT "promeneurs_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promeneurs" ADD CONSTRAINT "promeneurs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promeneurs" ADD CONSTRAINT "promeneurs_photo_id_fichiers_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."fichiers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promeneurs" ADD CONSTRAINT "promeneurs_propose_par_users_id_fk" FOREIGN KEY ("propose_par") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verifications_profil" ADD CONSTRAINT "verifications_profil_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verifications_profil" ADD CONSTRAINT "verifications_profil_profil_id_profils_sociaux_id_fk" FOREIGN KEY ("profil_id") REFERENCES "public"."profils_sociaux"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verifications_profil" ADD CONSTRAINT "verifications_profil_verifie_par_users_id_fk" FOREIGN KEY ("verifie_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fichiers_departement_index" ON "fichiers" USING btree ("departement");--> statement-breakpoint
CREATE INDEX "annonce_destinataires_user_id_lu_le_index" ON "annonce_destinataires" USING btree ("user_id","lu_le");--> statement-breakpoint
CREATE INDEX "annonces_departement_publiee_le_index" ON "annonces" USING btree ("departement","publiee_le");--> statement-breakpoint
CREATE UNIQUE INDEX "controles_conformite_unique" ON "controles_conformite" USING btree ("departement","code");--> statement-breakpoint
CREATE INDEX "creneaux_presence_promeneur_id_index" ON "creneaux_presence" USING btree ("promeneur_id");--> statement-breakpoint
CREATE INDEX "exceptions_presence_promeneur_id_au_index" ON "exceptions_presence" USING btree ("promeneur_id","au");--> statement-breakpoint
CREATE UNIQUE INDEX "profils_sociaux_unique" ON "profils_sociaux" USING btree ("reseau",lower("handle"));--> statement-breakpoint
CREATE INDEX "profils_sociaux_promeneur_id_index" ON "profils_sociaux" USING btree ("promeneur_id");--> statement-breakpoint
CREATE INDEX "profils_sociaux_departement_derniere_verification_le_index" ON "profils_sociaux" USING btree ("departement","derniere_verification_le");--> statement-breakpoint
CREATE INDEX "promeneur_territoires_commune_code_index" ON "promeneur_territoires" USING btree ("commune_code");--> statement-breakpoint
CREATE INDEX "promeneur_territoires_epci_siren_index" ON "promeneur_territoires" USING btree ("epci_siren");--> statement-breakpoint
CREATE UNIQUE INDEX "promeneurs_slug_unique" ON "promeneurs" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "promeneurs_user_unique" ON "promeneurs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "promeneurs_departement_statut_index" ON "promeneurs" USING btree ("departement","statut");--> statement-breakpoint
CREATE INDEX "promeneurs_structure_id_index" ON "promeneurs" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "verifications_profil_profil_id_verifie_le_index" ON "verifications_profil" USING btree ("profil_id","verifie_le");--> statement-breakpoint
ALTER TABLE "structures" ADD CONSTRAINT "structures_charte_document_id_fichiers_id_fk" FOREIGN KEY ("charte_document_id") REFERENCES "public"."fichiers"("id") ON DELETE set null ON UPDATE no action;