#!/usr/bin/env bash
# Fails when a C++ file differs from .clang-format, so style is never a discussion.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files --cached --others --exclude-standard 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 2>/dev/null || find src tests -name '*.[ch]pp')
clang-format --dry-run --Werror $files
echo "clang-format: $(echo "$files" | wc -w) files clean"
