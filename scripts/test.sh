#!/usr/bin/env bash
# Runs every check and test: formatting, lints, unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked --all-targets
cargo test --locked --doc

# The OpenAPI document the service serves is valid OpenAPI 3 (tests/api.rs checks that its
# paths are exactly the tested ones).
python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore openapi-spec-validator
python3 -m openapi_spec_validator src/api/openapi.json

# The map in real headless Chromium against the real service.
bash scripts/web-test.sh
