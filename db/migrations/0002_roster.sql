CREATE TYPE "public"."clinician_type" AS ENUM('physician', 'PA', 'NP', 'CNS', 'CRNA', 'physicalTherapist', 'occupationalTherapist', 'speechLanguagePathologist', 'audiologist', 'nurseMidwife', 'clinicalSocialWorker', 'clinicalPsychologist', 'registeredDietitian', 'other');--> statement-breakpoint
CREATE TYPE "public"."extreme_circumstance_kind" AS ENUM('disaster', 'practiceOrHospitalClosing', 'severeFinancialDistress');--> statement-breakpoint
CREATE TYPE "public"."hardship_reason" AS ENUM('insufficientInternetConnectivity', 'extremeAndUncontrollableCircumstances', 'lackOfControlOverCehrt', 'smallPractice', 'decertifiedEhrTechnology');--> statement-breakpoint
CREATE TYPE "public"."hardship_status" AS ENUM('pending', 'approved', 'dismissed');--> statement-breakpoint
CREATE TABLE "clinicians" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"npi" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"clinician_type" "clinician_type" NOT NULL,
	"specialty" text,
	"user_id" uuid,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinicians_organization_id_key" UNIQUE("organization_id","id"),
	CONSTRAINT "clinicians_npi_digits_check" CHECK ("clinicians"."npi" ~ '^[12][0-9]{9}$')
);
--> statement-breakpoint
CREATE TABLE "hardship_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"tin_id" uuid NOT NULL,
	"clinician_id" uuid,
	"performance_year" integer NOT NULL,
	"reason" "hardship_reason" NOT NULL,
	"circumstance_kind" "extreme_circumstance_kind",
	"circumstance_start" date,
	"circumstance_end" date,
	"filed_on" date NOT NULL,
	"status" "hardship_status" DEFAULT 'pending' NOT NULL,
	"status_changed_on" date NOT NULL,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_years" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"performance_year" integer NOT NULL,
	"non_patient_facing" boolean DEFAULT false NOT NULL,
	"hospital_based" boolean DEFAULT false NOT NULL,
	"asc_based" boolean DEFAULT false NOT NULL,
	"rural" boolean DEFAULT false NOT NULL,
	"hpsa" boolean DEFAULT false NOT NULL,
	"allowed_charges_cents" bigint DEFAULT 0 NOT NULL,
	"part_b_beneficiaries" integer DEFAULT 0 NOT NULL,
	"newly_enrolled" boolean DEFAULT false NOT NULL,
	"advanced_apm_qp" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_years_figures_check" CHECK ("membership_years"."allowed_charges_cents" >= 0 AND "membership_years"."part_b_beneficiaries" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tin_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"tin_id" uuid NOT NULL,
	"clinician_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tin_memberships_organization_id_key" UNIQUE("organization_id","id"),
	CONSTRAINT "tin_memberships_dates_check" CHECK ("tin_memberships"."end_date" IS NULL OR "tin_memberships"."end_date" >= "tin_memberships"."start_date")
);
--> statement-breakpoint
CREATE TABLE "tins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"tin" text NOT NULL,
	"name" text NOT NULL,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tins_organization_id_key" UNIQUE("organization_id","id"),
	CONSTRAINT "tins_tin_digits_check" CHECK ("tins"."tin" ~ '^[0-9]{9}$')
);
--> statement-breakpoint
CREATE TABLE "virtual_group_tins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"virtual_group_id" uuid NOT NULL,
	"tin_id" uuid NOT NULL,
	"performance_year" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "virtual_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"performance_year" integer NOT NULL,
	"name" text NOT NULL,
	"cms_id" text,
	"election_date" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "virtual_groups_organization_id_year_key" UNIQUE("organization_id","id","performance_year")
);
--> statement-breakpoint
ALTER TABLE "clinicians" ADD CONSTRAINT "clinicians_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinicians" ADD CONSTRAINT "clinicians_user_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_applications" ADD CONSTRAINT "hardship_applications_tin_fk" FOREIGN KEY ("organization_id","tin_id") REFERENCES "public"."tins"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_applications" ADD CONSTRAINT "hardship_applications_clinician_fk" FOREIGN KEY ("organization_id","clinician_id") REFERENCES "public"."clinicians"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_years" ADD CONSTRAINT "membership_years_membership_fk" FOREIGN KEY ("organization_id","membership_id") REFERENCES "public"."tin_memberships"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tin_memberships" ADD CONSTRAINT "tin_memberships_tin_fk" FOREIGN KEY ("organization_id","tin_id") REFERENCES "public"."tins"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tin_memberships" ADD CONSTRAINT "tin_memberships_clinician_fk" FOREIGN KEY ("organization_id","clinician_id") REFERENCES "public"."clinicians"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tins" ADD CONSTRAINT "tins_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virtual_group_tins" ADD CONSTRAINT "virtual_group_tins_group_fk" FOREIGN KEY ("organization_id","virtual_group_id","performance_year") REFERENCES "public"."virtual_groups"("organization_id","id","performance_year") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virtual_group_tins" ADD CONSTRAINT "virtual_group_tins_tin_fk" FOREIGN KEY ("organization_id","tin_id") REFERENCES "public"."tins"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virtual_groups" ADD CONSTRAINT "virtual_groups_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clinicians_organization_npi_key" ON "clinicians" USING btree ("organization_id","npi");--> statement-breakpoint
CREATE UNIQUE INDEX "clinicians_organization_user_key" ON "clinicians" USING btree ("organization_id","user_id");--> statement-breakpoint
CREATE INDEX "clinicians_organization_name_idx" ON "clinicians" USING btree ("organization_id","last_name","first_name");--> statement-breakpoint
CREATE INDEX "clinicians_organization_type_idx" ON "clinicians" USING btree ("organization_id","clinician_type");--> statement-breakpoint
CREATE INDEX "hardship_applications_organization_tin_year_idx" ON "hardship_applications" USING btree ("organization_id","tin_id","performance_year");--> statement-breakpoint
CREATE INDEX "hardship_applications_organization_clinician_idx" ON "hardship_applications" USING btree ("organization_id","clinician_id");--> statement-breakpoint
CREATE INDEX "hardship_applications_organization_year_status_idx" ON "hardship_applications" USING btree ("organization_id","performance_year","status");--> statement-breakpoint
CREATE UNIQUE INDEX "membership_years_organization_membership_year_key" ON "membership_years" USING btree ("organization_id","membership_id","performance_year");--> statement-breakpoint
CREATE UNIQUE INDEX "tin_memberships_organization_tin_clinician_key" ON "tin_memberships" USING btree ("organization_id","tin_id","clinician_id");--> statement-breakpoint
CREATE INDEX "tin_memberships_organization_clinician_idx" ON "tin_memberships" USING btree ("organization_id","clinician_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tins_organization_tin_key" ON "tins" USING btree ("organization_id","tin");--> statement-breakpoint
CREATE INDEX "tins_organization_name_idx" ON "tins" USING btree ("organization_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "virtual_group_tins_organization_tin_year_key" ON "virtual_group_tins" USING btree ("organization_id","tin_id","performance_year");--> statement-breakpoint
CREATE INDEX "virtual_group_tins_organization_group_idx" ON "virtual_group_tins" USING btree ("organization_id","virtual_group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "virtual_groups_organization_year_name_key" ON "virtual_groups" USING btree ("organization_id","performance_year","name");