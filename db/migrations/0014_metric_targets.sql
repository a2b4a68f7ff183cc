CREATE TABLE `metric_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`metric_id` text NOT NULL,
	`cycle_id` integer,
	`comparison` text NOT NULL,
	`value` real NOT NULL,
	`set_by_user_id` integer,
	`note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`set_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `metric_targets_uq` ON `metric_targets` (`metric_id`,`cycle_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `metric_targets_open_uq` ON `metric_targets` (`metric_id`) WHERE cycle_id IS NULL;--> statement-breakpoint
CREATE INDEX `metric_targets_cycle_idx` ON `metric_targets` (`cycle_id`);--> statement-breakpoint
-- Gate criteria name catalogue metric ids (app/lib/metrics/catalogue.ts LEGACY_GATE_METRIC_IDS);
-- a gate deciding on hiring judges the runway with the open hiring plan.
UPDATE `gate_criteria` SET `metric` = 'finance.runway_months_with_hiring_plan'
 WHERE `metric` = 'runway_months'
   AND `gate_id` IN (SELECT `id` FROM `decision_gates` WHERE lower(`name`) LIKE '%hiring%' OR lower(coalesce(`description`, '')) LIKE '%hiring%');--> statement-breakpoint
UPDATE `gate_criteria` SET `metric` = CASE `metric`
  WHEN 'customers' THEN 'finance.customers'
  WHEN 'arr_cents' THEN 'finance.arr'
  WHEN 'mrr_cents' THEN 'finance.mrr'
  WHEN 'runway_months' THEN 'finance.runway_months'
  WHEN 'cash_cents' THEN 'finance.cash'
  WHEN 'monthly_growth' THEN 'finance.revenue_growth'
  WHEN 'burn_multiple' THEN 'finance.burn_multiple'
  WHEN 'change_failure_rate_30d' THEN 'delivery.change_failure_rate'
  WHEN 'deploys_per_day_30d' THEN 'delivery.deploys_per_day'
  WHEN 'lead_time_hours_30d' THEN 'delivery.lead_time_hours'
  WHEN 'time_to_restore_hours_30d' THEN 'delivery.time_to_restore_hours'
  WHEN 'headcount' THEN 'people.headcount'
  WHEN 'net_burn_cents' THEN 'finance.net_burn'
  WHEN 'kpi_nps' THEN 'kpi.nps'
  WHEN 'kpi_bugs_p0' THEN 'kpi.bugs_p0'
  ELSE `metric` END;
