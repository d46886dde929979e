CREATE TYPE "public"."cehrt_edition" AS ENUM('2014', '2015', '2014/2015');--> statement-breakpoint
CREATE TYPE "public"."report_source_kind" AS ENUM('manual', 'qrda3', 'csv', 'qpp_json');--> statement-breakpoint
CREATE TYPE "public"."reporting_mode" AS ENUM('individual', 'group', 'virtualGroup');--> statement-breakpoint
CREATE TABLE "cehrt_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"tin_id" uuid NOT NULL,
	"vendor" text NOT NULL,
	"product_name" text NOT NULL,
	"cehrt_id" text NOT NULL,
	"edition" "cehrt_edition" NOT NULL,
	"in_use_from" date,
	"in_use_to" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cehrt_products_organization_tin_cehrt_id_key" UNIQUE("organization_id","tin_id","cehrt_id"),
	CONSTRAINT "cehrt_products_organization_id_key" UNIQUE("organization_id","id"),
	CONSTRAINT "cehrt_products_cehrt_id_check" CHECK ("cehrt_products"."cehrt_id" ~ '^[0-9A-Z]{15}$'),
	CONSTRAINT "cehrt_products_dates_check" CHECK ("cehrt_products"."in_use_to" IS NULL OR "cehrt_products"."in_use_from" IS NULL OR "cehrt_products"."in_use_to" >= "cehrt_products"."in_use_from")
);
--> statement-breakpoint
CREATE TABLE "data_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"source_kind" "report_source_kind" NOT NULL,
	"checksum" text NOT NULL,
	"status" text DEFAULT 'committed' NOT NULL,
	"report_count" integer NOT NULL,
	"imported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_imports_organization_id_key" UNIQUE("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"analysis_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_files_size_check" CHECK ("evidence_files"."size_bytes" > 0 AND "evidence_files"."size_bytes" <= 10485760),
	CONSTRAINT "evidence_files_media_type_check" CHECK ("evidence_files"."media_type" IN ('application/pdf', 'image/png', 'image/jpeg'))
);
--> statement-breakpoint
CREATE TABLE "measure_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"tin_id" uuid NOT NULL,
	"clinician_id" uuid,
	"product_id" uuid,
	"performance_year" integer NOT NULL,
	"performance_start" date NOT NULL,
	"performance_end" date NOT NULL,
	"source_kind" "report_source_kind" NOT NULL,
	"file_name" text,
	"checksum" text,
	"import_id" uuid,
	"imported_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measure_reports_organization_source_period_key" UNIQUE NULLS NOT DISTINCT("organization_id","tin_id","clinician_id","product_id","performance_start","performance_end"),
	CONSTRAINT "measure_reports_organization_id_key" UNIQUE("organization_id","id"),
	CONSTRAINT "measure_reports_period_check" CHECK ("measure_reports"."performance_end" >= "measure_reports"."performance_start")
);
--> statement-breakpoint
CREATE TABLE "measure_values" (
	"organization_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"measure_id" text NOT NULL,
	"numerator" integer,
	"denominator" integer,
	"yes_no" boolean,
	CONSTRAINT "measure_values_pkey" PRIMARY KEY("organization_id","report_id","measure_id"),
	CONSTRAINT "measure_values_shape_check" CHECK (("measure_values"."yes_no" IS NOT NULL AND "measure_values"."numerator" IS NULL AND "measure_values"."denominator" IS NULL) OR ("measure_values"."yes_no" IS NULL AND "measure_values"."numerator" IS NOT NULL AND "measure_values"."denominator" IS NOT NULL)),
	CONSTRAINT "measure_values_counts_check" CHECK ("measure_values"."numerator" >= 0 AND "measure_values"."numerator" <= "measure_values"."denominator")
);
--> statement-breakpoint
CREATE TABLE "security_risk_analyses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"performance_year" integer NOT NULL,
	"completed_on" date NOT NULL,
	"attested_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "security_risk_analyses_organization_product_year_key" UNIQUE("organization_id","product_id","performance_year"),
	CONSTRAINT "security_risk_analyses_organization_id_key" UNIQUE("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "tin_reporting_choices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"tin_id" uuid NOT NULL,
	"performance_year" integer NOT NULL,
	"mode" "reporting_mode" NOT NULL,
	"performance_start" date,
	"performance_end" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tin_reporting_choices_organization_tin_year_key" UNIQUE("organization_id","tin_id","performance_year"),
	CONSTRAINT "tin_reporting_choices_period_check" CHECK (("tin_reporting_choices"."performance_start" IS NULL) = ("tin_reporting_choices"."performance_end" IS NULL) AND ("tin_reporting_choices"."performance_end" IS NULL OR "tin_reporting_choices"."performance_end" >= "tin_reporting_choices"."performance_start"))
);
--> statement-breakpoint
ALTER TABLE "cehrt_products" ADD CONSTRAINT "cehrt_products_tin_fk" FOREIGN KEY ("organization_id","tin_id") REFERENCES "public"."tins"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_imports" ADD CONSTRAINT "data_imports_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_imports" ADD CONSTRAINT "data_imports_imported_by_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_analysis_fk" FOREIGN KEY ("organization_id","analysis_id") REFERENCES "public"."security_risk_analyses"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_reports" ADD CONSTRAINT "measure_reports_tin_fk" FOREIGN KEY ("organization_id","tin_id") REFERENCES "public"."tins"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_reports" ADD CONSTRAINT "measure_reports_clinician_fk" FOREIGN KEY ("organization_id","clinician_id") REFERENCES "public"."clinicians"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_reports" ADD CONSTRAINT "measure_reports_product_fk" FOREIGN KEY ("organization_id","product_id") REFERENCES "public"."cehrt_products"("organization_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_reports" ADD CONSTRAINT "measure_reports_import_fk" FOREIGN KEY ("organization_id","import_id") REFERENCES "public"."data_imports"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_reports" ADD CONSTRAINT "measure_reports_imported_by_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_values" ADD CONSTRAINT "measure_values_report_fk" FOREIGN KEY ("organization_id","report_id") REFERENCES "public"."measure_reports"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_risk_analyses" ADD CONSTRAINT "security_risk_analyses_product_fk" FOREIGN KEY ("organization_id","product_id") REFERENCES "public"."cehrt_products"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tin_reporting_choices" ADD CONSTRAINT "tin_reporting_choices_tin_fk" FOREIGN KEY ("organization_id","tin_id") REFERENCES "public"."tins"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_imports_organization_checksum_idx" ON "data_imports" USING btree ("organization_id","checksum");--> statement-breakpoint
CREATE INDEX "data_imports_organization_created_idx" ON "data_imports" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "evidence_files_organization_analysis_idx" ON "evidence_files" USING btree ("organization_id","analysis_id");--> statement-breakpoint
CREATE INDEX "measure_reports_organization_tin_year_idx" ON "measure_reports" USING btree ("organization_id","tin_id","performance_year");--> statement-breakpoint
CREATE INDEX "measure_reports_organization_clinician_idx" ON "measure_reports" USING btree ("organization_id","clinician_id");