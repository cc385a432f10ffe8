
-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "event_types" TEXT[],
    "secret" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "last_attempt_at" TIMESTAMPTZ(3),
    "response_status" INTEGER,
    "latency_ms" INTEGER,
    "last_error" TEXT,
    "redelivery_of" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_endpoints_workspace_id_idx" ON "webhook_endpoints"("workspace_id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries"("endpoint_id", "created_at");

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The outbox is filled by triggers on the changed tables, in the change's own transaction, so
-- no write path (one-statement writes included) can commit a change and miss its deliveries.
-- (The migration runner splits on semicolons: function bodies spell them \073.)
CREATE FUNCTION webhook_enqueue(ws uuid, kind text, data jsonb) RETURNS void LANGUAGE sql
  AS E'INSERT INTO webhook_deliveries (id, endpoint_id, workspace_id, event_type, payload)
    SELECT gen_random_uuid(), e.id, ws, kind,
      jsonb_build_object(''type'', kind, ''workspaceId'', ws, ''occurredAt'', to_char(clock_timestamp() AT TIME ZONE ''UTC'', ''YYYY-MM-DD"T"HH24:MI:SS.MS"Z"''), ''data'', data)
    FROM webhook_endpoints e
    WHERE e.workspace_id = ws AND e.active AND kind = ANY (e.event_types)';

CREATE FUNCTION claims_webhooks() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status THEN
      PERFORM webhook_enqueue(NEW.workspace_id, ''claim.status_changed'', jsonb_build_object(''claimId'', NEW.id, ''articleId'', NEW.article_id,
        ''status'', NEW.status::text, ''previousStatus'', OLD.status::text))\073
      IF NEW.status::text = ''resolved'' THEN
        PERFORM webhook_enqueue(NEW.workspace_id, ''claim.resolved'', jsonb_build_object(''claimId'', NEW.id, ''articleId'', NEW.article_id, ''rating'', NEW.rating))\073
      END IF\073
      IF NEW.status::text = ''disputed'' THEN
        PERFORM webhook_enqueue(NEW.workspace_id, ''verdict.disputed'', jsonb_build_object(''claimId'', NEW.id, ''articleId'', NEW.article_id))\073
      END IF\073
    END IF\073
    RETURN NULL\073
  END\073';

CREATE TRIGGER claims_webhooks AFTER UPDATE OF status ON claims FOR EACH ROW EXECUTE FUNCTION claims_webhooks();

CREATE FUNCTION report_snapshots_webhooks() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
    PERFORM webhook_enqueue(a.workspace_id, ''report.published'', jsonb_build_object(''reportId'', NEW.id, ''articleId'', NEW.article_id, ''number'', NEW.number))
      FROM articles a WHERE a.id = NEW.article_id\073
    RETURN NULL\073
  END\073';

CREATE TRIGGER report_snapshots_webhooks AFTER INSERT ON report_snapshots FOR EACH ROW EXECUTE FUNCTION report_snapshots_webhooks();

CREATE FUNCTION article_revisions_webhooks() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
    PERFORM webhook_enqueue(a.workspace_id, CASE WHEN NEW.number = 1 THEN ''article.imported'' ELSE ''article.revised'' END,
        jsonb_build_object(''articleId'', a.id, ''title'', a.title, ''revisionId'', NEW.id, ''revision'', NEW.number))
      FROM articles a WHERE a.id = NEW.article_id\073
    RETURN NULL\073
  END\073';

CREATE TRIGGER article_revisions_webhooks AFTER INSERT ON article_revisions FOR EACH ROW EXECUTE FUNCTION article_revisions_webhooks();

CREATE FUNCTION memberships_webhooks() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
    IF TG_OP = ''INSERT'' THEN
      PERFORM webhook_enqueue(NEW.workspace_id, ''member.added'', jsonb_build_object(''userId'', NEW.user_id, ''role'', NEW.role::text))\073
    ELSE
      PERFORM webhook_enqueue(OLD.workspace_id, ''member.removed'', jsonb_build_object(''userId'', OLD.user_id, ''role'', OLD.role::text))\073
    END IF\073
    RETURN NULL\073
  END\073';

CREATE TRIGGER memberships_webhooks AFTER INSERT OR DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION memberships_webhooks();
