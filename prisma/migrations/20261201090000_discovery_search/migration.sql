-- Discovery: dismissed claim candidates, duplicate claims, similar-claim matching and
-- full-text search over everything a workspace holds.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- to_tsvector fails on a document whose vector would pass 1 MB: such a text (megabytes of
-- unique tokens) is indexed by its first 100,000 characters rather than refusing the write.
CREATE FUNCTION cb_tsvector(config regconfig, body text) RETURNS tsvector
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS E'BEGIN RETURN to_tsvector(config, coalesce(body, ''''))\073 EXCEPTION WHEN program_limit_exceeded THEN RETURN to_tsvector(config, left(body, 100000))\073 END';

-- array_to_string is only STABLE (element output functions), yet for text[] it cannot change.
CREATE FUNCTION cb_join(parts text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN coalesce(array_to_string(parts, ' '), '');

-- A statement as compared for similarity: lower case, words separated by single spaces.
CREATE FUNCTION cb_normalise_statement(statement text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN btrim(regexp_replace(lower(statement), '[^[:alnum:]]+', ' ', 'g'));

-- Search vectors, kept up to date by the database itself.
ALTER TABLE "articles" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A')) STORED;

ALTER TABLE "article_revisions" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (setweight(cb_tsvector('english', text), 'B')) STORED;

ALTER TABLE "annotations" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(body, '')), 'A') ||
    setweight(to_tsvector('english', cb_join(tags)), 'B') ||
    setweight(to_tsvector('english', exact), 'C')
  ) STORED;

ALTER TABLE "claims" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('english', statement), 'A') ||
    setweight(to_tsvector('english', coalesce(claimant, '') || ' ' || cb_join(tags)), 'B')
  ) STORED;

ALTER TABLE "claims" ADD COLUMN "statement_norm" text
  GENERATED ALWAYS AS (cb_normalise_statement(statement)) STORED;

ALTER TABLE "claim_comments" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (setweight(to_tsvector('english', body), 'A')) STORED;

ALTER TABLE "evidence" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(excerpt, '') || ' ' || coalesce(note, '') || ' ' || coalesce(reliability_note, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(publisher, '')), 'C') ||
    setweight(to_tsvector('simple', coalesce(url, '')), 'D')
  ) STORED;

ALTER TABLE "sources" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('english', outlet || ' ' || coalesce(publisher, '')), 'A') ||
    setweight(to_tsvector('simple', coalesce(url, key)), 'B')
  ) STORED;

-- fastupdate off: with it, single-row inserts pile up in a pending list that every search
-- must read through until the next vacuum, which made searches after a burst of writes slow.
CREATE INDEX "articles_search_idx" ON "articles" USING GIN ("search") WITH (fastupdate = off);
CREATE INDEX "article_revisions_search_idx" ON "article_revisions" USING GIN ("search") WITH (fastupdate = off);
CREATE INDEX "annotations_search_idx" ON "annotations" USING GIN ("search") WITH (fastupdate = off);
CREATE INDEX "claims_search_idx" ON "claims" USING GIN ("search") WITH (fastupdate = off);
CREATE INDEX "claims_statement_norm_idx" ON "claims" USING GIN ("statement_norm" gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX "claim_comments_search_idx" ON "claim_comments" USING GIN ("search") WITH (fastupdate = off);
CREATE INDEX "evidence_search_idx" ON "evidence" USING GIN ("search") WITH (fastupdate = off);
CREATE INDEX "sources_search_idx" ON "sources" USING GIN ("search") WITH (fastupdate = off);

-- A suggested sentence someone dismissed: hidden for the whole workspace, in every revision.
CREATE TABLE "claim_candidate_dismissals" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "article_id" UUID,
    "hash" TEXT NOT NULL,
    "sentence" TEXT NOT NULL,
    "dismissed_by_id" UUID NOT NULL,
    "dismissed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "claim_candidate_dismissals_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "claim_candidate_dismissals_workspace_id_hash_key" ON "claim_candidate_dismissals"("workspace_id", "hash");
CREATE INDEX "claim_candidate_dismissals_article_id_idx" ON "claim_candidate_dismissals"("article_id");

ALTER TABLE "claim_candidate_dismissals" ADD CONSTRAINT "claim_candidate_dismissals_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "claim_candidate_dismissals" ADD CONSTRAINT "claim_candidate_dismissals_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "claim_candidate_dismissals" ADD CONSTRAINT "claim_candidate_dismissals_dismissed_by_id_fkey" FOREIGN KEY ("dismissed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- "This claim repeats that one": one row per duplicate, read both ways.
CREATE TABLE "claim_duplicates" (
    "claim_id" UUID NOT NULL,
    "original_id" UUID NOT NULL,
    "linked_by_id" UUID NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "claim_duplicates_pkey" PRIMARY KEY ("claim_id"),
    CONSTRAINT "claim_duplicates_not_self" CHECK ("claim_id" <> "original_id")
);

CREATE INDEX "claim_duplicates_original_id_idx" ON "claim_duplicates"("original_id");

ALTER TABLE "claim_duplicates" ADD CONSTRAINT "claim_duplicates_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "claim_duplicates" ADD CONSTRAINT "claim_duplicates_original_id_fkey" FOREIGN KEY ("original_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "claim_duplicates" ADD CONSTRAINT "claim_duplicates_linked_by_id_fkey" FOREIGN KEY ("linked_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
