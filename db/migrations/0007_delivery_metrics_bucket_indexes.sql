DROP INDEX `delivery_lead_samples_finished_bucket_idx`;--> statement-breakpoint
DROP INDEX `delivery_lead_samples_service_bucket_idx`;--> statement-breakpoint
CREATE INDEX `delivery_lead_samples_bucket_idx` ON `delivery_lead_samples` (CAST(ln(lead_ms) * 20 AS INTEGER),`finished_at`,`lead_ms`);--> statement-breakpoint
CREATE INDEX `delivery_lead_samples_service_bucket_idx` ON `delivery_lead_samples` (`service_id`,CAST(ln(lead_ms) * 20 AS INTEGER),`finished_at`,`lead_ms`);--> statement-breakpoint
CREATE INDEX `incidents_open_idx` ON `incidents` (`severity`,`started_at`) WHERE "incidents"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX `incidents_open_service_idx` ON `incidents` (`service_id`) WHERE "incidents"."resolved_at" is null;