CREATE TABLE "actualites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"slug" text NOT NULL,
	"titre" text NOT NULL,
	"resume" text NOT NULL,
	"corps" text NOT NULL,
	"image_id" uuid,
	"statut" text DEFAULT 'brouillon' NOT NULL,
	"publie_le" timestamp with time zone,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actualites_statut" CHECK ("actualites"."statut" in ('brouillon', 'publie')),
	CONSTRAINT "actualites_publiee_datee" CHECK ("actualites"."statut" <> 'publie' or "actualites"."publie_le" is not null)
);
--> statement-breakpoint
CREATE TABLE "medias" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"fichier_id" uuid NOT NULL,
	"fichier_petit_id" uuid NOT NULL,
	"largeur" integer NOT NULL,
	"hauteur" integer NOT NULL,
	"alt" text DEFAULT '' NOT NULL,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "numeros_aide" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text,
	"code" text,
	"nom" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"telephone" text,
	"sms" text,
	"url" text,
	"horaires" text DEFAULT '' NOT NULL,
	"genre" text DEFAULT 'ecoute' NOT NULL,
	"gratuit" boolean,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"public" text DEFAULT 'tous' NOT NULL,
	"source" text NOT NULL,
	"verifie_le" date NOT NULL,
	"ordre" integer DEFAULT 0 NOT NULL,
	"actif" boolean DEFAULT true NOT NULL,
	"maj_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "numeros_aide_joignable" CHECK ("numeros_aide"."telephone" is not null or "numeros_aide"."sms" is not null or "numeros_aide"."url" is not null),
	CONSTRAINT "numeros_aide_genre" CHECK ("numeros_aide"."genre" in ('urgence', 'ecoute', 'signalement'))
);
--> statement-breakpoint
CREATE TABLE "pages_publiques" (
	"departement" text NOT NULL,
	"slug" text NOT NULL,
	"titre" text NOT NULL,
	"description" text NOT NULL,
	"corps" text NOT NULL,
	"statut" text DEFAULT 'publie' NOT NULL,
	"etat_conformite" text,
	"audit_le" date,
	"taux_conformite" integer,
	"maj_par" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pages_publiques_departement_slug_pk" PRIMARY KEY("departement","slug"),
	CONSTRAINT "pages_publiques_statut" CHECK ("pages_publiques"."statut" in ('brouillon', 'publie')),
	CONSTRAINT "pages_publiques_conformite" CHECK ("pages_publiques"."etat_conformite" is null or "pages_publiques"."etat_conformite" in ('non_conforme', 'partiellement_conforme', 'totalement_conforme')),
	CONSTRAINT "pages_publiques_taux" CHECK ("pages_publiques"."taux_conformite" is null or "pages_publiques"."taux_conformite" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "ressources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"titre" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"categorie" text NOT NULL,
	"fichier_id" uuid,
	"url" text,
	"public" boolean DEFAULT true NOT NULL,
	"publie" boolean DEFAULT true NOT NULL,
	"ordre" integer DEFAULT 0 NOT NULL,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ressources_fichier_ou_lien" CHECK (("ressources"."fichier_id" is null) <> ("ressources"."url" is null))
);
--> statement-breakpoint
ALTER TABLE "actualites" ADD CONSTRAINT "actualites_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actualites" ADD CONSTRAINT "actualites_image_id_medias_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."medias"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actualites" ADD CONSTRAINT "actualites_cree_par_users_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medias" ADD CONSTRAINT "medias_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medias" ADD CONSTRAINT "medias_fichier_id_fichiers_id_fk" FOREIGN KEY ("fichier_id") REFERENCES "public"."fichiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medias" ADD CONSTRAINT "medias_fichier_petit_id_fichiers_id_fk" FOREIGN KEY ("fichier_petit_id") REFERENCES "public"."fichiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medias" ADD CONSTRAINT "medias_cree_par_users_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "numeros_aide" ADD CONSTRAINT "numeros_aide_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "numeros_aide" ADD CONSTRAINT "numeros_aide_maj_par_users_id_fk" FOREIGN KEY ("maj_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pages_publiques" ADD CONSTRAINT "pages_publiques_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pages_publiques" ADD CONSTRAINT "pages_publiques_maj_par_users_id_fk" FOREIGN KEY ("maj_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ressources" ADD CONSTRAINT "ressources_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ressources" ADD CONSTRAINT "ressources_fichier_id_fichiers_id_fk" FOREIGN KEY ("fichier_id") REFERENCES "public"."fichiers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ressources" ADD CONSTRAINT "ressources_cree_par_users_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "actualites_departement_slug_index" ON "actualites" USING btree ("departement","slug");--> statement-breakpoint
CREATE INDEX "actualites_departement_statut_publie_le_index" ON "actualites" USING btree ("departement","statut","publie_le");--> statement-breakpoint
CREATE INDEX "medias_departement_created_at_index" ON "medias" USING btree ("departement","created_at");--> statement-breakpoint
CREATE INDEX "numeros_aide_departement_ordre_index" ON "numeros_aide" USING btree ("departement","ordre");--> statement-breakpoint
CREATE UNIQUE INDEX "numeros_aide_code_national" ON "numeros_aide" USING btree ("code") WHERE "numeros_aide"."departement" is null and "numeros_aide"."code" is not null;--> statement-breakpoint
CREATE INDEX "ressources_departement_categorie_ordre_index" ON "ressources" USING btree ("departement","categorie","ordre");