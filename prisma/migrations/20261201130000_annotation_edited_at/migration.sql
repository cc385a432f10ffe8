-- When the body or tags of an annotation were last edited (earlier versions stay in the audit log)
ALTER TABLE "annotations" ADD COLUMN "edited_at" TIMESTAMPTZ(3);

-- Annotations edited before this column existed get their last such edit from the audit log
UPDATE "annotations" a SET "edited_at" = e.at
FROM (
  SELECT entity_id, max(at) AS at FROM "audit_entries"
  WHERE entity_type = 'annotation' AND action = 'annotation.updated'
    AND (("before"->'body') IS DISTINCT FROM ("after"->'body') OR ("before"->'tags') IS DISTINCT FROM ("after"->'tags'))
  GROUP BY entity_id
) e
WHERE a.id::text = e.entity_id;
