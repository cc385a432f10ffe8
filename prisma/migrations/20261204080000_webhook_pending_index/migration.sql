-- The senders take each endpoint's oldest waiting delivery, one endpoint at a time: this index
-- holds only the waiting ones, so finding them costs the number of endpoints with something
-- waiting, not the size of a backlog or of the log of what was delivered.
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" ("endpoint_id", "created_at", "id") WHERE "status" = 'pending';
