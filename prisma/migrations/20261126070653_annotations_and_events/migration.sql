-- CreateEnum
CREATE TYPE "Motivation" AS ENUM ('highlighting', 'commenting', 'questioning', 'tagging', 'replying');

-- CreateTable
CREATE TABLE "annotations" (
    "id" UUID NOT NULL,
    "article_id" UUID NOT NULL,
    "revision_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "motivation" "Motivation" NOT NULL,
    "body" TEXT,
    "tags" TEXT[],
    "exact" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "suffix" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "reply_to_id" UUID,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "annotations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "article_events" (
    "article_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actor_id" UUID,
    "data" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "article_events_pkey" PRIMARY KEY ("article_id","seq")
);

-- CreateIndex
CREATE INDEX "annotations_article_id_start_idx" ON "annotations"("article_id", "start");

-- CreateIndex
CREATE INDEX "annotations_reply_to_id_idx" ON "annotations"("reply_to_id");

-- AddForeignKey
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "article_revisions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_reply_to_id_fkey" FOREIGN KEY ("reply_to_id") REFERENCES "annotations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "article_events" ADD CONSTRAINT "article_events_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
