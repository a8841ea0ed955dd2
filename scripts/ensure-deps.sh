# Sourced by the start and test scripts: installs node_modules from the lock file when missing or stale.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "installing node modules (npm ci)"
  npm ci --no-audit --no-fund
fi
