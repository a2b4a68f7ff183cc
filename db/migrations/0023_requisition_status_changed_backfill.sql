-- When each existing requisition's status last changed (decision 022): its latest audit entry that
-- set a status (created, proposed, moved, or edited/imported to another status), else its creation.
UPDATE `requisitions` SET `status_changed_at` = COALESCE((
  SELECT MAX(a.`at`) FROM `audit_log` a
  WHERE a.`entity_type` = 'requisition' AND a.`entity_id` = CAST(`requisitions`.`id` AS TEXT)
    AND (a.`action` IN ('create', 'propose', 'status')
      OR (a.`action` = 'update' AND json_extract(a.`after`, '$.status') IS NOT NULL
          AND json_extract(a.`after`, '$.status') IS NOT json_extract(a.`before`, '$.status')))
), `created_at`)
WHERE `status_changed_at` IS NULL;
