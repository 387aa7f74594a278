-- The audit log is append-only: nothing may update or delete an entry.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
-- Roles of the deployment spec (admin, developer, viewer) and the business roles a manufacturer needs.
INSERT INTO roles (name, description, permissions) VALUES
  ('admin', 'Full access, including users, roles, settings and maintenance', ARRAY['*']),
  ('developer', 'Reads everything; changes development and test environments', ARRAY['read:*', 'write:development', 'write:test']),
  ('viewer', 'Reads everything, changes nothing', ARRAY['read:*']),
  ('manager', 'Approves purchase proposals up to the manager limit; adjusts plans', ARRAY['read:*', 'write:forecasts', 'write:inventory', 'write:production', 'approve:purchase-orders']),
  ('planner', 'Adjusts forecasts, inventory policies and production plans; imports data', ARRAY['read:*', 'write:forecasts', 'write:inventory', 'write:production', 'write:imports']),
  ('finance', 'Working capital, scenarios and cash forecasting; imports financial data', ARRAY['read:*', 'write:scenarios', 'write:working-capital', 'write:imports', 'export:data'])
ON CONFLICT (name) DO NOTHING;
--> statement-breakpoint
INSERT INTO regions (code, name, currency) VALUES
  ('UK', 'United Kingdom', 'GBP'),
  ('EU', 'European Union', 'EUR'),
  ('US', 'United States', 'USD')
ON CONFLICT (code) DO NOTHING;
