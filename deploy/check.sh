#!/usr/bin/env bash
# Validates the deployment files without any engine: compose with docker-compose's own parser
# (apt-get install -y docker-compose), Kubernetes/Helm YAML by parsing every document.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if command -v docker-compose >/dev/null; then
  docker-compose -f compose/compose.yaml config -q && echo "compose/compose.yaml: valid"
elif docker compose version >/dev/null 2>&1; then
  docker compose -f compose/compose.yaml config -q && echo "compose/compose.yaml: valid"
else
  echo "compose/compose.yaml: not checked (install docker-compose to check it)"
fi
node -e '
  const { parseAllDocuments } = require("yaml");
  for (const file of process.argv.slice(1)) {
    const docs = parseAllDocuments(require("fs").readFileSync(file, "utf8"));
    const errors = docs.flatMap((d) => d.errors);
    if (errors.length) { console.error(file + ": " + errors[0].message); process.exit(1); }
    console.log(file + ": " + docs.length + " YAML document(s) parse");
  }' k8s/*.yaml
