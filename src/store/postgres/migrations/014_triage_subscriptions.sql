-- A third kind of subscription: the triage channel, where new leads are posted (as SQLite's
-- 014_triage_subscriptions.sql).
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_kind_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_kind_check CHECK (kind IN ('digest', 'alert', 'triage'));
