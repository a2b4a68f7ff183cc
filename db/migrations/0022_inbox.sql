ALTER TABLE `requisitions` ADD `status_changed_at` integer;--> statement-breakpoint
CREATE INDEX `requisitions_status_changed_idx` ON `requisitions` (`status`,`status_changed_at`);--> statement-breakpoint
CREATE INDEX `decision_gates_due_idx` ON `decision_gates` (`due_date`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_outcome_idx` ON `webhook_deliveries` (`outcome`,`received_at`);