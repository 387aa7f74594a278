-- Planners approve routine purchase proposals: the manager tier is acted on by `manager` and `planner`, up
-- to the manager limit (a setting, default £50,000); larger proposals stay with finance (director) and admin
-- (CFO). The amount check is in the application; the planner needs the approval permission for that, and
-- its description says where its approvals stop.
UPDATE roles
SET permissions = array_append(permissions, 'approve:purchase-orders'),
    description = 'Adjusts forecasts, inventory policies and production plans; imports data; approves purchase proposals up to the manager limit'
WHERE name = 'planner' AND NOT ('approve:purchase-orders' = ANY (permissions));
