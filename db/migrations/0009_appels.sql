CREATE TABLE "appel_evaluateurs" (
	"appel_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appel_evaluateurs_appel_id_user_id_pk" PRIMARY KEY("appel_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "appels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"type" text NOT NULL,
	"slug" text NOT NULL,
	"titre" text NOT NULL,
	"description" text NOT NULL,
	"ouverture_le" timestamp with time zone NOT NULL,
	"cloture_le" timestamp with time zone NOT NULL,
	"decision_le" timestamp with time zone,
	"documents" jsonb NOT NULL,
	"questions" jsonb NOT NULL,
	"criteres" jsonb NOT NULL,
	"budget_propose" boolean DEFAULT false NOT NULL,
	"publie_le" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appels_departement_slug_unique" UNIQUE("departement","slug"),
	CONSTRAINT "appels_type" CHECK ("appels"."type" in ('coordination', 'recrutement')),
	CONSTRAINT "appels_dates" CHECK ("appels"."cloture_le" > "appels"."ouverture_le"),
	CONSTRAINT "appels_decision" CHECK ("appels"."decision_le" is null or "appels"."decision_le" >= "appels"."cloture_le")
);
--> statement-breakpoint
CREATE TABLE "candidat_liens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"candidat_id" uuid NOT NULL,
	"appel_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "candidat_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"candidat_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	CONSTRAINT "candidats_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "candidature_pieces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"candidature_id" uuid NOT NULL,
	"document_code" text NOT NULL,
	"nom" text NOT NULL,
	"type_mime" text NOT NULL,
	"taille" bigint NOT NULL,
	"sha256" text NOT NULL,
	"cle" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidature_pieces_cle_unique" UNIQUE("cle"),
	CONSTRAINT "candidature_pieces_candidatureId_documentCode_unique" UNIQUE("candidature_id","document_code"),
	CONSTRAINT "candidature_pieces_taille" CHECK ("candidature_pieces"."taille" > 0)
);
--> statement-breakpoint
CREATE TABLE "candidatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appel_id" uuid NOT NULL,
	"departement" text NOT NULL,
	"candidat_id" uuid NOT NULL,
	"statut" text DEFAULT 'brouillon' NOT NULL,
	"structure_nom" text DEFAULT '' NOT NULL,
	"structure_commune" text DEFAULT '' NOT NULL,
	"structure_siret" text DEFAULT '' NOT NULL,
	"contact_nom" text DEFAULT '' NOT NULL,
	"contact_telephone" text DEFAULT '' NOT NULL,
	"personne_proposee" text DEFAULT '' NOT NULL,
	"personne_fonction" text DEFAULT '' NOT NULL,
	"projet" text DEFAULT '' NOT NULL,
	"reponses" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"budget" jsonb,
	"deposee_le" timestamp with time zone,
	"verifiee_le" timestamp with time zone,
	"verifiee_par" uuid,
	"motif_irrecevabilite" text,
	"decidee_le" timestamp with time zone,
	"decidee_par" uuid,
	"motif_decision" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidatures_appelId_candidatId_unique" UNIQUE("appel_id","candidat_id"),
	CONSTRAINT "candidatures_statut" CHECK ("candidatures"."statut" in ('brouillon', 'deposee', 'recevable', 'irrecevable', 'retenue', 'refusee')),
	CONSTRAINT "candidatures_deposee" CHECK ("candidatures"."statut" = 'brouillon' or "candidatures"."deposee_le" is not null)
);
--> statement-breakpoint
CREATE TABLE "evaluation_notes" (
	"candidature_id" uuid NOT NULL,
	"evaluateur_id" uuid NOT NULL,
	"critere_code" text NOT NULL,
	"note" smallint NOT NULL,
	"commentaire" text DEFAULT '' NOT NULL,
	CONSTRAINT "evaluation_notes_candidature_id_evaluateur_id_critere_code_pk" PRIMARY KEY("candidature_id","evaluateur_id","critere_code"),
	CONSTRAINT "evaluation_notes_note" CHECK ("evaluation_notes"."note" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"candidature_id" uuid NOT NULL,
	"evaluateur_id" uuid NOT NULL,
	"attribuee_le" timestamp with time zone DEFAULT now() NOT NULL,
	"soumise_le" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_candidature_id_evaluateur_id_pk" PRIMARY KEY("candidature_id","evaluateur_id")
);
--> statement-breakpoint
ALTER TABLE "appel_evaluateurs" ADD CONSTRAINT "appel_evaluateurs_appel_id_appels_id_fk" FOREIGN KEY ("appel_id") REFERENCES "public"."appels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appel_evaluateurs" ADD CONSTRAINT "appel_evaluateurs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appels" ADD CONSTRAINT "appels_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidat_liens" ADD CONSTRAINT "candidat_liens_candidat_id_candidats_id_fk" FOREIGN KEY ("candidat_id") REFERENCES "public"."candidats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidat_liens" ADD CONSTRAINT "candidat_liens_appel_id_appels_id_fk" FOREIGN KEY ("appel_id") REFERENCES "public"."appels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidat_sessions" ADD CONSTRAINT "candidat_sessions_candidat_id_candidats_id_fk" FOREIGN KEY ("candidat_id") REFERENCES "public"."candidats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidature_pieces" ADD CONSTRAINT "candidature_pieces_candidature_id_candidatures_id_fk" FOREIGN KEY ("candidature_id") REFERENCES "public"."candidatures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidatures" ADD CONSTRAINT "candidatures_appel_id_appels_id_fk" FOREIGN KEY ("appel_id") REFERENCES "public"."appels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidatures" ADD CONSTRAINT "candidatures_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidatures" ADD CONSTRAINT "candidatures_candidat_id_candidats_id_fk" FOREIGN KEY ("candidat_id") REFERENCES "public"."candidats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidatures" ADD CONSTRAINT "candidatures_verifiee_par_users_id_fk" FOREIGN KEY ("verifiee_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidatures" ADD CONSTRAINT "candidatures_decidee_par_users_id_fk" FOREIGN KEY ("decidee_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_notes" ADD CONSTRAINT "evaluation_notes_candidature_id_evaluateur_id_evaluations_candidature_id_evaluateur_id_fk" FOREIGN KEY ("candidature_id","evaluateur_id") REFERENCES "public"."evaluations"("candidature_id","evaluateur_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_candidature_id_candidatures_id_fk" FOREIGN KEY ("candidature_id") REFERENCES "public"."candidatures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_evaluateur_id_users_id_fk" FOREIGN KEY ("evaluateur_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appel_evaluateurs_user_id_index" ON "appel_evaluateurs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "candidat_liens_candidat_id_created_at_index" ON "candidat_liens" USING btree ("candidat_id","created_at");--> statement-breakpoint
CREATE INDEX "candidat_sessions_candidat_id_index" ON "candidat_sessions" USING btree ("candidat_id");--> statement-breakpoint
CREATE INDEX "candidatures_candidat_id_index" ON "candidatures" USING btree ("candidat_id");--> statement-breakpoint
CREATE INDEX "evaluations_evaluateur_id_index" ON "evaluations" USING btree ("evaluateur_id");