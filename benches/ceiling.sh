#!/usr/bin/env bash
# How much two cores give this machine for two independent processes, against what gazette's
# two threads give: one 1-thread run alone, two 1-thread runs at once, one 2-thread run (best
# of N each), and the same for sha256sum over a 300 MB file, whose working set fits a core's
# cache. Usage: benches/ceiling.sh CORPUS_DIR [N]   (e.g. a 10k corpus from benches/run.sh)
set -euo pipefail
corpus=${1:?usage: benches/ceiling.sh CORPUS_DIR [N]}
n=${2:-3}
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/gazette
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -c 300000000 /dev/urandom > "$tmp/big.bin"
best() { sort -n | head -1; }
secs() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
run1() { rm -rf "$tmp/o1"; "$bin" extract "$corpus" --out "$tmp/o1" --quiet --threads "$1"; }
pair() { rm -rf "$tmp/o1" "$tmp/o2"; "$bin" extract "$corpus" --out "$tmp/o1" --quiet --threads 1 & "$bin" extract "$corpus" --out "$tmp/o2" --quiet --threads 1; wait; }
sha1() { sha256sum "$tmp/big.bin"; }
sha2() { sha256sum "$tmp/big.bin" & sha256sum "$tmp/big.bin"; wait; }
one=$(for _ in $(seq "$n"); do secs run1 1; done | best)
two=$(for _ in $(seq "$n"); do secs pair; done | best)
thr=$(for _ in $(seq "$n"); do secs run1 2; done | best)
s1=$(for _ in $(seq "$n"); do secs sha1; done | best)
s2=$(for _ in $(seq "$n"); do secs sha2; done | best)
printf 'gazette: 1 thread alone %.2f s; two 1-thread runs at once %.2f s (%.2fx); 2 threads %.2f s (%.2fx)\n' \
  "$one" "$two" "$(echo "2*$one/$two" | bc -l)" "$thr" "$(echo "$one/$thr" | bc -l)"
printf 'sha256sum: alone %.2f s; two at once %.2f s (%.2fx)\n' "$s1" "$s2" "$(echo "2*$s1/$s2" | bc -l)"
