-- Purchase approval tiers map onto roles: manager up to the manager limit, finance acting as the
-- director up to the director limit, admin as the CFO above it (limits are settings). Finance needs the
-- approval permission for that; its description says so.
UPDATE roles
SET permissions = array_append(permissions, 'approve:purchase-orders'),
    description = 'Working capital, scenarios and cash forecasting; imports financial data; approves purchase proposals up to the director limit'
WHERE name = 'finance' AND NOT ('approve:purchase-orders' = ANY (permissions));
