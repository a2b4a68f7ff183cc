CREATE UNIQUE INDEX `risks_rule_open_uq` ON `risks` (`raised_by_rule_id`,`raised_subject`) WHERE "risks"."raised_by_rule_id" is not null and "risks"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX `risks_review_idx` ON `risks` (`next_review_date`);--> statement-breakpoint
CREATE INDEX `risks_owner_idx` ON `risks` (`owner_user_id`);