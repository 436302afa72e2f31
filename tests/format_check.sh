#!/usr/bin/env bash
# Fails when a source file under include/, tests/, examples/ or fuzz/ is not formatted as
# .clang-format says (clang-format-14 prints each place).
#   format_check.sh CLANG_FORMAT SOURCE_DIR
set -euo pipefail
clang_format=$1
cd "$2"
mapfile -d '' files < <(find include tests examples fuzz -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.ipp' \) -print0 | sort -z)
"$clang_format" --dry-run --Werror "${files[@]}"
echo "formatting: ${#files[@]} files as .clang-format says"
