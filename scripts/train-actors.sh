#!/usr/bin/env bash
# Trains the named-entity tagger's weights (src/tagger/ner.bin) from pinned,
# license-clean data, and scores the result on the held-out tenth.
#
#   scripts/train-actors.sh [DATA_DIR]          DATA_DIR defaults to target/ner-data
#   OUT=path/to/ner.bin scripts/train-actors.sh  write the weights elsewhere
#
# DATA_DIR must hold the two files below, byte for byte (checked by sha256).
# They are third-party data and are never committed to this repository; get
# them from the public GitHub repositories named here, at the commits named
# here (for example `git clone`, `git checkout COMMIT`, copy the file):
#
#   ner_dataset.csv.zip  Groningen Meaning Bank (GMB) 2.2 CSV export, VOA news
#                        text (public domain); repository
#                        codingtime123/Named-Entity-Recognition-with-NLP,
#                        commit bae7eccc99b1ca894587a959e3d1a707d7f0853a,
#                        file ner_dataset.csv.zip (unzipped here to ner_dataset.csv)
#   wikigold.conll.txt   wikigold (Balasuriya et al. 2009, CC-BY 4.0); repository
#                        caurdy/LGP-NER-RegEx,
#                        commit ba90d82bf439ed307da1333c27b692b5ef173f47,
#                        file wikigold.conll.txt
#
# Optional, for measuring only (never trained on): en_pud-ud-test.iob2, the
# Universal NER annotation of the English PUD treebank (1,000 sentences of
# news and Wikipedia, CC-BY-SA 3.0); repository UniversalNER/UNER_English-PUD,
# commit 07ea0553144e3fcf3d6633efe2a075b725a0d262. When it is in DATA_DIR it
# is scored too, as text the tagger has never seen.
#
# Sizes, licences and results: src/tagger/README.md. Training is
# deterministic: the same files give a byte-identical ner.bin (the script
# prints its sha256). Takes about a minute on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."

data=${1:-target/ner-data}
out=${OUT:-src/tagger/ner.bin}

check() { # FILE SHA256
  if [[ ! -f "$data/$1" ]]; then
    echo "train-actors: $data/$1 is missing (see the top of this script)" >&2
    exit 1
  fi
  local sum
  sum=$(sha256sum "$data/$1" | cut -d' ' -f1)
  if [[ "$sum" != "$2" ]]; then
    echo "train-actors: $data/$1 has sha256 $sum, expected $2" >&2
    exit 1
  fi
}

check ner_dataset.csv.zip 200946f102feed46ba7d2baef7200dcb2068ad325f32c73447d80f5cd8e14791
if [[ ! -f "$data/ner_dataset.csv" ]]; then
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("ner_dataset.csv", sys.argv[2])' \
    "$data/ner_dataset.csv.zip" "$data"
fi
check ner_dataset.csv 83257dd94ed59596809dc9f5b28f1f035c9d925d5a647f266db43a2f098e8f1a
check wikigold.conll.txt c75d35bf393e4c979fdc7413f86a7782b8c30d3ccefad57addb402fa088298cd

cargo build --release -q -p newslens-cli
bin=target/release/newslens
"$bin" train-ner --gmb "$data/ner_dataset.csv" --wikigold "$data/wikigold.conll.txt" \
  --heldout "$data" --out "$out"
echo "sha256 $(sha256sum "$out" | cut -d' ' -f1)  $out"
# The features read the lexicons' flags: the weights belong to these lexicons
# (scripts/test.sh fails when a lexicon changes without a retrain).
if [[ "$out" == src/tagger/ner.bin ]]; then
  sha256sum lexicons/*.tsv > src/tagger/ner.lexicons.sha256
fi
echo "gzip -9: $(gzip -9c "$out" | wc -c) bytes"

# The held-out tenth, scored with the new weights (before they are built in).
for f in gmb-heldout.iob wikigold-heldout.iob; do
  "$bin" eval --ner --ner-model "$out" "$data/$f"
  "$bin" eval --ner --ner-model "$out" --ner-system engine "$data/$f"
done
if [[ -f "$data/en_pud-ud-test.iob2" ]]; then
  check en_pud-ud-test.iob2 71fc0e18011e930f9a1a2fb68089d732eb2035a5840677d300626c8a1dedd2fb
  # Its columns: number, word, tag, two more; "# newdoc" opens a document.
  awk -F'\t' '/^# newdoc/ { print "# document\n"; next } /^#/ { next }
    NF == 0 { print ""; next } { gsub(/ /, "_", $2); print $2 " " $3 }' \
    "$data/en_pud-ud-test.iob2" > "$data/pud.iob"
  "$bin" eval --ner --ner-model "$out" --ner-system engine "$data/pud.iob"
fi
