DROP INDEX `delivery_lead_samples_bucket_idx`;--> statement-breakpoint
DROP INDEX `delivery_lead_samples_service_bucket_idx`;--> statement-breakpoint
CREATE INDEX `delivery_lead_samples_bucket_idx` ON `delivery_lead_samples` (CAST(ln(lead_ms) * 5 AS INTEGER),`finished_at`,`lead_ms`);--> statement-breakpoint
CREATE INDEX `delivery_lead_samples_service_bucket_idx` ON `delivery_lead_samples` (`service_id`,CAST(ln(lead_ms) * 5 AS INTEGER),`finished_at`,`lead_ms`);