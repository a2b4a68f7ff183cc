DROP INDEX `delivery_lead_samples_finished_idx`;--> statement-breakpoint
DROP INDEX `delivery_lead_samples_service_idx`;--> statement-breakpoint
CREATE INDEX `delivery_lead_samples_finished_bucket_idx` ON `delivery_lead_samples` (`finished_at`,CAST(ln(lead_ms) * 20 AS INTEGER),`lead_ms`);--> statement-breakpoint
CREATE INDEX `delivery_lead_samples_service_bucket_idx` ON `delivery_lead_samples` (`service_id`,`finished_at`,CAST(ln(lead_ms) * 20 AS INTEGER),`lead_ms`);