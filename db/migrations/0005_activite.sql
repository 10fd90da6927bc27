CREATE TABLE "actions_communication" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"date" date NOT NULL,
	"type" text NOT NULL,
	"titre" text NOT NULL,
	"public" text DEFAULT '' NOT NULL,
	"portee" integer,
	"commentaire" text DEFAULT '' NOT NULL,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actions_communication_portee" CHECK ("actions_communication"."portee" >= 0)
);
--> statement-breakpoint
CREATE TABLE "projets_jeunes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"promeneur_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"titre" text NOT NULL,
	"theme" text NOT NULL,
	"forme" text NOT NULL,
	"nombre_jeunes" integer NOT NULL,
	"partenaires" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"etat" text DEFAULT 'emergence' NOT NULL,
	"debut_le" date NOT NULL,
	"besoin_soutien" boolean DEFAULT false NOT NULL,
	"soutien_demande_le" timestamp with time zone,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projets_jeunes_nombre" CHECK ("projets_jeunes"."nombre_jeunes" >= 1),
	CONSTRAINT "projets_jeunes_forme" CHECK ("projets_jeunes"."forme" in ('individuel', 'collectif')),
	CONSTRAINT "projets_jeunes_etat" CHECK ("projets_jeunes"."etat" in ('emergence', 'en_cours', 'realise', 'abandonne'))
);
--> statement-breakpoint
CREATE TABLE "rappels_rapport" (
	"promeneur_id" uuid NOT NULL,
	"mois" date NOT NULL,
	"rang" smallint NOT NULL,
	"envoye_le" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rappels_rapport_promeneur_id_mois_rang_pk" PRIMARY KEY("promeneur_id","mois","rang")
);
--> statement-breakpoint
CREATE TABLE "rapport_comptes" (
	"rapport_id" uuid NOT NULL,
	"rubrique" text NOT NULL,
	"code" text NOT NULL,
	"nombre" integer NOT NULL,
	CONSTRAINT "rapport_comptes_rapport_id_rubrique_code_pk" PRIMARY KEY("rapport_id","rubrique","code"),
	CONSTRAINT "rapport_comptes_nombre" CHECK ("rapport_comptes"."nombre" > 0)
);
--> statement-breakpoint
CREATE TABLE "rapports_mensuels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"promeneur_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"mois" date NOT NULL,
	"statut" text DEFAULT 'brouillon' NOT NULL,
	"nouveaux_jeunes" integer DEFAULT 0 NOT NULL,
	"file_active" integer DEFAULT 0 NOT NULL,
	"echanges" integer DEFAULT 0 NOT NULL,
	"echanges_individuels" integer DEFAULT 0 NOT NULL,
	"echanges_collectifs" integer DEFAULT 0 NOT NULL,
	"heures_en_ligne" numeric(5, 1) DEFAULT 0 NOT NULL,
	"fait_marquant" text DEFAULT '' NOT NULL,
	"commentaire_coordination" text,
	"motif_reouverture" text,
	"soumis_le" timestamp with time zone,
	"valide_le" timestamp with time zone,
	"valide_par" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rapports_mensuels_statut" CHECK ("rapports_mensuels"."statut" in ('brouillon', 'soumis', 'valide', 'a_corriger')),
	CONSTRAINT "rapports_mensuels_mois" CHECK (extract(day from "rapports_mensuels"."mois") = 1),
	CONSTRAINT "rapports_mensuels_positifs" CHECK ("rapports_mensuels"."nouveaux_jeunes" >= 0 and "rapports_mensuels"."file_active" >= 0 and "rapports_mensuels"."echanges" >= 0 and "rapports_mensuels"."echanges_individuels" >= 0 and "rapports_mensuels"."echanges_collectifs" >= 0 and "rapports_mensuels"."heures_en_ligne" >= 0)
);
--> statement-breakpoint
CREATE TABLE "situations_preoccupantes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"promeneur_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"date" date NOT NULL,
	"categorie" text NOT NULL,
	"actions" text[] DEFAULT '{}'::text[] NOT NULL,
	"partenaire" text,
	"suivi" text DEFAULT 'en_cours' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "situations_suivi" CHECK ("situations_preoccupantes"."suivi" in ('a_suivre', 'en_cours', 'close'))
);
--> statement-breakpoint
ALTER TABLE "actions_communication" ADD CONSTRAINT "actions_communication_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions_communication" ADD CONSTRAINT "actions_communication_cree_par_users_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projets_jeunes" ADD CONSTRAINT "projets_jeunes_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projets_jeunes" ADD CONSTRAINT "projets_jeunes_promeneur_id_promeneurs_id_fk" FOREIGN KEY ("promeneur_id") REFERENCES "public"."promeneurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projets_jeunes" ADD CONSTRAINT "projets_jeunes_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projets_jeunes" ADD CONSTRAINT "projets_jeunes_cree_par_users_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rappels_rapport" ADD CONSTRAINT "rappels_rapport_promeneur_id_promeneurs_id_fk" FOREIGN KEY ("promeneur_id") REFERENCES "public"."promeneurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapport_comptes" ADD CONSTRAINT "rapport_comptes_rapport_id_rapports_mensuels_id_fk" FOREIGN KEY ("rapport_id") REFERENCES "public"."rapports_mensuels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapports_mensuels" ADD CONSTRAINT "rapports_mensuels_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapports_mensuels" ADD CONSTRAINT "rapports_mensuels_promeneur_id_promeneurs_id_fk" FOREIGN KEY ("promeneur_id") REFERENCES "public"."promeneurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapports_mensuels" ADD CONSTRAINT "rapports_mensuels_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapports_mensuels" ADD CONSTRAINT "rapports_mensuels_valide_par_users_id_fk" FOREIGN KEY ("valide_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "situations_preoccupantes" ADD CONSTRAINT "situations_preoccupantes_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "situations_preoccupantes" ADD CONSTRAINT "situations_preoccupantes_promeneur_id_promeneurs_id_fk" FOREIGN KEY ("promeneur_id") REFERENCES "public"."promeneurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "situations_preoccupantes" ADD CONSTRAINT "situations_preoccupantes_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "situations_preoccupantes" ADD CONSTRAINT "situations_preoccupantes_cree_par_users_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actions_communication_departement_date_index" ON "actions_communication" USING btree ("departement","date");--> statement-breakpoint
CREATE INDEX "projets_jeunes_departement_etat_index" ON "projets_jeunes" USING btree ("departement","etat");--> statement-breakpoint
CREATE INDEX "projets_jeunes_promeneur_id_index" ON "projets_jeunes" USING btree ("promeneur_id");--> statement-breakpoint
CREATE INDEX "rapport_comptes_rubrique_code_index" ON "rapport_comptes" USING btree ("rubrique","code");--> statement-breakpoint
CREATE UNIQUE INDEX "rapports_mensuels_promeneur_mois" ON "rapports_mensuels" USING btree ("promeneur_id","mois");--> statement-breakpoint
CREATE INDEX "rapports_mensuels_departement_mois_statut_index" ON "rapports_mensuels" USING btree ("departement","mois","statut");--> statement-breakpoint
CREATE INDEX "rapports_mensuels_structure_id_mois_index" ON "rapports_mensuels" USING btree ("structure_id","mois");--> statement-breakpoint
CREATE INDEX "situations_preoccupantes_departement_date_index" ON "situations_preoccupantes" USING btree ("departement","date");--> statement-breakpoint
CREATE INDEX "situations_preoccupantes_promeneur_id_date_index" ON "situations_preoccupantes" USING btree ("promeneur_id","date");