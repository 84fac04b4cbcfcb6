#!/usr/bin/env bash
# Creates the next Prisma migration, for SQLite and for PostgreSQL, from the diff between the schema at
# git HEAD and the working tree. (`prisma migrate dev` does not work with the WebAssembly engine.)
# The PostgreSQL diff needs a reachable server: PG_URL (default postgresql://postgres@localhost:5432/postgres).
# Usage: npm run db:migration -- <snake_name>
set -euo pipefail
name="${1:?usage: npm run db:migration -- <snake_name>}"
stamp=$(date -u +%Y%m%d%H%M%S)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for kind in sqlite postgres; do
  if [ "$kind" = sqlite ]; then schema=prisma/schema.prisma; dir=prisma/migrations; url=""; 
  else schema=prisma/postgres/schema.prisma; dir=prisma/postgres/migrations; url="${PG_URL:-postgresql://postgres@localhost:5432/postgres}"; fi
  if git cat-file -e "HEAD:$schema" 2>/dev/null; then
    git show "HEAD:$schema" > "$tmp/old.prisma"; from="--from-schema-datamodel $tmp/old.prisma"
  else
    from="--from-empty"
  fi
  mkdir -p "$dir/${stamp}_$name"
  DATABASE_URL="$url" npx prisma migrate diff $from --to-schema-datamodel "$schema" --script > "$dir/${stamp}_$name/migration.sql"
  echo "created $dir/${stamp}_$name/migration.sql"
done
