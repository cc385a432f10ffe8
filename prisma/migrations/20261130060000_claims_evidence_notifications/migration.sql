-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('open', 'assigned', 'in_progress', 'in_review', 'disputed', 'resolved', 'dismissed');

-- CreateEnum
CREATE TYPE "ClaimPriority" AS ENUM ('low', 'normal', 'high', 'urgent');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('url', 'document', 'quote', 'note');

-- CreateEnum
CREATE TYPE "Stance" AS ENUM ('supports', 'refutes', 'context', 'unclear');

-- CreateEnum
CREATE TYPE "Reliability" AS ENUM ('high', 'medium', 'low', 'unknown');

-- CreateTable
CREATE TABLE "claims" (
    "id" UUID NOT NULL,
    "article_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "statement" TEXT NOT NULL,
    "claimant" TEXT,
    "tags" TEXT[],
    "priority" "ClaimPriority" NOT NULL DEFAULT 'normal',
    "due_at" TIMESTAMPTZ(3),
    "status" "ClaimStatus" NOT NULL DEFAULT 'open',
    "status_reason" TEXT,
    "rating" TEXT,
    "position" INTEGER,
    "created_by_id" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "claims_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "claim_spans" (
    "id" UUID NOT NULL,
    "claim_id" UUID NOT NULL,
    "revision_id" UUID NOT NULL,
    "exact" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "suffix" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,

    CONSTRAINT "claim_spans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "claim_assignees" (
    "claim_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "assigned_by_id" UUID NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "claim_assignees_pkey" PRIMARY KEY ("claim_id","user_id")
);

-- CreateTable
CREATE TABLE "claim_comments" (
    "id" UUID NOT NULL,
    "claim_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "reply_to_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "claim_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence" (
    "id" UUID NOT NULL,
    "claim_id" UUID NOT NULL,
    "source_id" UUID,
    "kind" "EvidenceKind" NOT NULL,
    "url" TEXT,
    "title" TEXT,
    "publisher" TEXT,
    "published_at" TEXT,
    "excerpt" TEXT,
    "stance" "Stance" NOT NULL,
    "reliability" "Reliability" NOT NULL DEFAULT 'unknown',
    "reliability_note" TEXT,
    "note" TEXT,
    "position" INTEGER NOT NULL,
    "created_by_id" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sources" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "outlet" TEXT NOT NULL,
    "url" TEXT,
    "publisher" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "article_id" UUID,
    "claim_id" UUID,
    "annotation_id" UUID,
    "actor_id" UUID,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "claims_article_id_position_idx" ON "claims"("article_id", "position");

-- CreateIndex
CREATE INDEX "claims_workspace_id_status_idx" ON "claims"("workspace_id", "status");

-- CreateIndex
CREATE INDEX "claim_spans_claim_id_idx" ON "claim_spans"("claim_id");

-- CreateIndex
CREATE INDEX "claim_assignees_user_id_idx" ON "claim_assignees"("user_id");

-- CreateIndex
CREATE INDEX "claim_comments_claim_id_created_at_idx" ON "claim_comments"("claim_id", "created_at");

-- CreateIndex
CREATE INDEX "evidence_claim_id_position_idx" ON "evidence"("claim_id", "position");

-- CreateIndex
CREATE INDEX "evidence_source_id_idx" ON "evidence"("source_id");

-- CreateIndex
CREATE UNIQUE INDEX "sources_workspace_id_key_key" ON "sources"("workspace_id", "key");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_entries_entity_type_entity_id_idx" ON "audit_entries"("entity_type", "entity_id");

-- AddForeignKey
ALTER TABLE "claims" ADD CONSTRAINT "claims_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claims" ADD CONSTRAINT "claims_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_spans" ADD CONSTRAINT "claim_spans_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_spans" ADD CONSTRAINT "claim_spans_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "article_revisions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_assignees" ADD CONSTRAINT "claim_assignees_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_assignees" ADD CONSTRAINT "claim_assignees_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_comments" ADD CONSTRAINT "claim_comments_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_comments" ADD CONSTRAINT "claim_comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sources" ADD CONSTRAINT "sources_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

