#!/bin/sh
# Run once by the postgres image when its data folder is new (docker-entrypoint-initdb.d): the application role the
# api and the worker connect as. It owns nothing; the api grants it rows after each migration run (libs/db/roles.ts),
# as the schema owner (POSTGRES_USER, DATABASE_OWNER_URL).
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v app_password="$OCMW_APP_DB_PASSWORD" <<'SQL'
CREATE ROLE ocmw_app LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
