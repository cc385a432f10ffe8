-- Imports keep their structure beside the canonical text, and a URL import its page as fetched.
ALTER TABLE "articles" ADD COLUMN "site_name" TEXT;

ALTER TABLE "article_revisions" ADD COLUMN "structure" JSONB,
ADD COLUMN "snapshot" BYTEA,
ADD COLUMN "snapshot_sha256" TEXT,
ADD COLUMN "snapshot_content_type" TEXT,
ADD COLUMN "snapshot_url" TEXT,
ADD COLUMN "fetched_at" TIMESTAMPTZ(3);
