-- The language each user chose with /language set (Discord and Slack have no Creole locale, so
-- this is how a Creole speaker is answered in Creole without asking each time).
CREATE TABLE user_languages (
  platform TEXT NOT NULL,
  team_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  language TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (platform, team_id, user_id)
) WITHOUT ROWID;
