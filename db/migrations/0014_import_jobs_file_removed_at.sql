ALTER TABLE "import_jobs" ADD COLUMN "file_removed_at" timestamp with time zone;--> statement-breakpoint
-- Jobs whose staged file is already gone (committed, or refused for its problems) say so.
UPDATE "import_jobs" j SET "file_removed_at" = coalesce(j."finished_at", j."updated_at")
WHERE NOT EXISTS (SELECT 1 FROM "import_upload_chunks" c WHERE c."organization_id" = j."organization_id" AND c."job_id" = j."id") AND j."status" NOT IN ('uploading');
