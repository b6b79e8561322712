#!/usr/bin/env bash
# Refresh the golden copies from ../shared (run from the project root).
set -euo pipefail
shared=../shared
cp "$shared/eval/gold_seeds.jsonl" "$shared/eval/SCHEMA.md" tests/golden/
cp "$shared/eval/dev/gold.jsonl" "$shared/eval/dev/SOURCES.md" tests/golden/dev/
cp "$shared"/eval/dev/docs/* tests/golden/dev/docs/
cp "$shared"/seeds/*.txt seeds/
chmod -R u+w tests/golden seeds
