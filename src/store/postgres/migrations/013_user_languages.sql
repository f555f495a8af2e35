-- The language each user chose with /language set (as SQLite's 013_user_languages.sql): Discord
-- and Slack have no Creole locale, so this is how a Creole speaker is answered in Creole.
CREATE TABLE user_languages (
  platform text NOT NULL,
  team_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  language text NOT NULL,
  updated_at text NOT NULL,
  PRIMARY KEY (platform, team_id, user_id)
);
