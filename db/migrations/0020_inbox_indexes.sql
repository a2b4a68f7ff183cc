CREATE INDEX `decision_gates_due_idx` ON `decision_gates` (`due_date`);--> statement-breakpoint
CREATE INDEX `audit_entity_id_idx` ON `audit_log` (`entity_type`,`entity_id`,`at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_outcome_idx` ON `webhook_deliveries` (`outcome`,`received_at`);