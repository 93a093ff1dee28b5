-- When a member was included in the rollout (pilot, an added department, the company step): "never
-- posted" counts from here, not from the directory import. Members the current phase already covers
-- count from the day they joined, as before.
ALTER TABLE members ADD COLUMN included_at TEXT;
UPDATE members SET included_at = joined_at
WHERE is_pilot = 1
   OR workspace_id IN (SELECT id FROM workspaces WHERE json_extract(settings, '$.rolloutPhase') = 'company')
   OR (workspace_id IN (SELECT id FROM workspaces WHERE json_extract(settings, '$.rolloutPhase') = 'expansion')
       AND lower(trim(coalesce(department, ''))) IN (
         SELECT lower(trim(d.value)) FROM workspaces w, json_each(w.settings, '$.rolloutDepartments') d
         WHERE w.id = members.workspace_id));
