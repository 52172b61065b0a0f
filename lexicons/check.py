#!/usr/bin/env python3
"""Checks the newslens word lists in this folder.

Usage: python3 lexicons/check.py   (from anywhere; exits 1 and prints every problem found)

Per file: UTF-8, LF line ends, a first line `# columns: ...` that names the expected columns,
`#` comments only before the first entry, no blank lines, exactly the expected number of
TAB-separated columns, no stray spaces around a field or a list item, entries sorted by the
first column in byte order and free of duplicate first columns, enum columns holding known
values only. Across files: every demonym points at a place, aliases are unique, and
common_words.tsv leaves out given names, place names and demonyms (see README.md).
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def enum_names(enum):
    """The names of a `named_enum!` in src/annotation.rs, the one place they are spelled."""
    with open(os.path.join(HERE, "..", "src", "annotation.rs"), encoding="utf-8") as f:
        body = f.read().split("pub enum %s {" % enum, 1)[1].split("}", 1)[0]
    return set(re.findall(r'^\s*\w+ = "(\w+)",$', body, re.M))


def use_names():
    """The uses of function_words.tsv: the variants of `Use` in src/lexicon/types.rs, in
    snake_case, as build.rs reads them."""
    with open(os.path.join(HERE, "..", "src", "lexicon", "types.rs"), encoding="utf-8") as f:
        body = f.read().split("pub enum Use {", 1)[1].split("}", 1)[0]
    variants = re.findall(r"^\s*([A-Za-z0-9]+),$", body, re.M)
    return {re.sub(r"(?<!^)([A-Z])", r"_\1", v).lower() for v in variants}


STANCES = enum_names("Stance")
assert STANCES, "no stances found in src/annotation.rs"
USES = use_names()
assert len(USES) > 32, "no uses found in src/lexicon/types.rs"
FRAMES = {"quote", "clause", "object", "inf", "of", "source", "reply"}

# file -> (columns, {column: ("enum", values) | ("set", values) | ("list",) | ("lower",) | ("period",)})
SCHEMA = {
    "cue_verbs.tsv": (["lemma", "forms", "stance", "frames"],
                      {"lemma": ("lower",), "forms": ("list",), "stance": ("enum", STANCES),
                       "frames": ("set", FRAMES)}),
    "cue_phrases.tsv": (["phrase", "stance", "frames"],
                        {"phrase": ("lower",), "stance": ("enum", STANCES), "frames": ("set", FRAMES)}),
    "cue_nouns.tsv": (["noun", "forms", "stance"],
                      {"noun": ("lower",), "forms": ("list",), "stance": ("enum", STANCES)}),
    "titles.tsv": (["title", "kind", "also"],
                   {"title": ("lower",), "kind": ("enum", {"honorific", "office", "role", "military"}),
                    "also": ("list", "empty-ok")}),
    "anonymous_roles.tsv": (["noun", "number", "anonymous"],
                            {"noun": ("lower",), "number": ("enum", {"singular", "plural", "collective"}),
                             "anonymous": ("enum", {"yes", "no"})}),
    "anonymity_markers.tsv": (["phrase"], {"phrase": ("lower",)}),
    "given_names.tsv": (["name", "gender"], {"name": ("capitalized",), "gender": ("enum", {"f", "m"}, "empty-ok")}),
    "places.tsv": (["name", "kind", "aliases"],
                   {"kind": ("enum", {"country", "city", "state", "region", "continent"}),
                    "aliases": ("list", "empty-ok")}),
    "demonyms.tsv": (["demonym", "place"], {"demonym": ("capitalized",)}),
    "organizations.tsv": (["name", "kind", "aliases"],
                          {"kind": ("enum", {"government", "intergovernmental", "party", "military",
                                             "company", "media", "ngo", "court", "other"}),
                           "aliases": ("list", "empty-ok")}),
    "org_heads.tsv": (["word"], {"word": ("capitalized",)}),
    "name_context.tsv": (["word", "uses"],
                         {"uses": ("set", {"event_first", "event_last", "place_of", "org_of", "names_org", "place_title", "party", "org_for", "org_at", "org_after",
                                          "place_first", "place_last", "org_last", "club_last", "press_last", "hosts", "city_club", "club_first", "plays", "meets", "term",
                                          "moves", "unit", "market", "role_first", "firm_first"})}),
    "not_names.tsv": (["word", "reason"],
                      {"reason": ("enum", {"weekday", "month", "boilerplate", "section", "function",
                                           "opener"})}),
    "common_words.tsv": (["word"], {"word": ("lower",)}),
    "grammar.tsv": (["word", "class"],
                    {"word": ("lower",), "class": ("enum", {"det", "quant", "poss", "prep", "conj", "aux",
                                                            "pron", "rel", "neg"})}),
    "function_words.tsv": (["word", "uses"], {"uses": ("set", USES)}),
    "abbreviations.tsv": (["abbrev", "kind", "expansion"],
                          {"abbrev": ("period",), "kind": ("enum", {"title", "month", "org", "other"}),
                           "expansion": ("lower", "empty-ok")}),
}

SCHEMA.update({
    "pronouns.tsv": (["pronoun", "case", "person", "refers", "gender"],
                     {"pronoun": ("lower",), "case": ("set", {"subject", "object", "possessive", "reflexive"}),
                      "person": ("enum", {"first", "third"}), "refers": ("enum", {"person", "thing", "any"}),
                      "gender": ("enum", {"f", "m"}, "empty-ok")}),
})


def attribution_checks(data, errors):
    """pronouns.tsv gives features of grammar.tsv's pronouns: every pronoun is there as pron or poss."""
    grammar = {w: c for w, c in data["grammar.tsv"]}
    for r in data["pronouns.tsv"]:
        if grammar.get(r[0]) not in ("pron", "poss"):
            errors.append(f"pronouns.tsv: {r[0]!r} is not a pron or poss in grammar.tsv")


def load(name, errors):
    """Returns the rows of one file as lists of fields, recording problems in errors."""
    path = os.path.join(HERE, name)
    cols, rules = SCHEMA[name]
    try:
        raw = open(path, "rb").read()
    except OSError as e:
        errors.append(f"{name}: cannot read: {e}")
        return []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append(f"{name}: not UTF-8: {e}")
        return []
    if "\r" in text:
        errors.append(f"{name}: has CR characters; use LF line ends")
    if text.startswith("\ufeff"):
        errors.append(f"{name}: has a byte order mark")
    if not text.endswith("\n"):
        errors.append(f"{name}: last line has no newline")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = "# columns: " + "\t".join(cols)
    if not lines or lines[0] != header:
        errors.append(f"{name}:1: first line must be {header!r}")
    rows = []
    prev = None
    seen_entry = False
    for i, line in enumerate(lines, 1):
        where = f"{name}:{i}"
        if line.startswith("#"):
            if seen_entry:
                errors.append(f"{where}: comment after the first entry")
            continue
        seen_entry = True
        if line.strip() == "":
            errors.append(f"{where}: blank line")
            continue
        fields = line.split("\t")
        if len(fields) != len(cols):
            errors.append(f"{where}: {len(fields)} columns, expected {len(cols)} ({', '.join(cols)})")
            continue
        for col, val in zip(cols, fields):
            if val != val.strip() or "  " in val:
                errors.append(f"{where}: stray spaces in {col} {val!r}")
            rule = rules.get(col)
            if val == "" and not (rule and "empty-ok" in rule):
                errors.append(f"{where}: empty {col}")
                continue
            if rule is None:
                continue
            kind = rule[0]
            if kind == "enum" and val not in rule[1] and not (val == "" and "empty-ok" in rule):
                errors.append(f"{where}: {col} {val!r} not in {sorted(rule[1])}")
            elif kind == "set":
                items = val.split(",")
                for it in items:
                    if it not in rule[1]:
                        errors.append(f"{where}: {col} item {it!r} not in {sorted(rule[1])}")
                if len(set(items)) != len(items):
                    errors.append(f"{where}: {col} repeats an item")
            elif kind == "list" and val:
                items = val.split(",")
                for it in items:
                    if it == "" or it != it.strip():
                        errors.append(f"{where}: bad list item {it!r} in {col}")
                if len(set(items)) != len(items):
                    errors.append(f"{where}: {col} repeats an item")
            elif kind == "lower" and val != val.lower():
                errors.append(f"{where}: {col} {val!r} must be lowercase")
            elif kind == "capitalized" and not val[:1].isupper():
                errors.append(f"{where}: {col} {val!r} must start with a capital letter")
            elif kind == "period" and not val.endswith("."):
                errors.append(f"{where}: {col} {val!r} must end with a period")
        key = fields[0].encode("utf-8")
        if prev is not None:
            if key == prev:
                errors.append(f"{where}: duplicate entry {fields[0]!r}")
            elif key < prev:
                errors.append(f"{where}: {fields[0]!r} is out of order (sort by first column, byte order)")
        prev = key
        rows.append(fields)
    return rows


def cross_checks(data, errors):
    verbs = data["cue_verbs.tsv"]
    for lemma, forms, _, _ in verbs:
        if forms.split(",")[0] != lemma:
            errors.append(f"cue_verbs.tsv: forms of {lemma!r} must start with the lemma")
    form_owner = {}
    for lemma, forms, _, _ in verbs:
        for f in forms.split(","):
            if f in form_owner and form_owner[f] != lemma:
                errors.append(f"cue_verbs.tsv: form {f!r} belongs to {form_owner[f]!r} and {lemma!r}")
            form_owner[f] = lemma
    for noun, forms, _ in data["cue_nouns.tsv"]:
        if noun not in forms.split(","):
            errors.append(f"cue_nouns.tsv: forms of {noun!r} must include it")

    # Aliases: unique within places and within organizations, never another entry's name.
    for fname in ("places.tsv", "organizations.tsv"):
        names = {r[0] for r in data[fname]}
        owner = {}
        for name, _, aliases in data[fname]:
            for a in filter(None, aliases.split(",")):
                if a == name:
                    errors.append(f"{fname}: {name!r} lists itself as an alias")
                elif a in names:
                    errors.append(f"{fname}: alias {a!r} of {name!r} is also an entry")
                elif a in owner:
                    errors.append(f"{fname}: alias {a!r} used by {owner[a]!r} and {name!r}")
                owner[a] = name

    # Places and organizations share one lookup in the engine: no written form may name both.
    def forms_of(fname):
        out = {}
        for name, _, aliases in data[fname]:
            for f in [name] + [a for a in aliases.split(",") if a]:
                out[f] = name
        return out
    place_forms, org_forms = forms_of("places.tsv"), forms_of("organizations.tsv")
    for f in sorted(set(place_forms) & set(org_forms)):
        errors.append(f"{f!r} names the place {place_forms[f]!r} and the organization {org_forms[f]!r}")

    places = {r[0] for r in data["places.tsv"]}
    for dem, place in data["demonyms.tsv"]:
        if place not in places:
            errors.append(f"demonyms.tsv: {dem!r} -> {place!r}, which is not a name in places.tsv")

    # common_words leaves out words that, capitalized, are more often a name.
    common = {r[0] for r in data["common_words.tsv"]}
    def clash(source, words):
        for w in sorted(words):
            if " " not in w and w.lower() in common:
                errors.append(f"common_words.tsv: {w.lower()!r} is also in {source}; leave it out")
    clash("given_names.tsv", {r[0] for r in data["given_names.tsv"]})
    place_words = set()
    for name, _, aliases in data["places.tsv"]:
        place_words.add(name)
        place_words.update(a for a in aliases.split(",") if a and a[:1].isupper() and not a.isupper())
    clash("places.tsv", place_words)
    clash("demonyms.tsv", {r[0] for r in data["demonyms.tsv"]})

    # function_words.tsv is matched as written: place words are capitalized, the rest
    # lowercase (the engine lowercases before it asks about most uses).
    # So are a transcript's labels ("Q", "INTERVIEWER").
    as_written = {"place_word", "street_word", "storm_word", "question_label", "answer_label"}
    for word, uses in data["function_words.tsv"]:
        capitalized = bool(as_written & set(uses.split(",")))
        if capitalized and not word[:1].isupper():
            errors.append(f"function_words.tsv: place word or label {word!r} must start with a capital letter")
        if capitalized and set(uses.split(",")) - as_written:
            errors.append(f"function_words.tsv: place word or label {word!r} has other uses")
        if not capitalized and word != word.lower():
            errors.append(f"function_words.tsv: {word!r} must be lowercase")

    # given names are not places and not words listed as never-names.
    given = {r[0] for r in data["given_names.tsv"]}
    for w in sorted(given & places):
        errors.append(f"given_names.tsv: {w!r} is also a place; leave it out")
    for w in sorted(given & {r[0] for r in data["not_names.tsv"]}):
        errors.append(f"given_names.tsv: {w!r} is also in not_names.tsv")



def main():
    errors = []
    data = {}
    for name in SCHEMA:
        data[name] = load(name, errors)
    extra = sorted(f for f in os.listdir(HERE) if f.endswith(".tsv") and f not in SCHEMA)
    for f in extra:
        errors.append(f"{f}: not described in check.py's SCHEMA (and README.md)")
    if not errors:
        cross_checks(data, errors)
        attribution_checks(data, errors)
    for e in errors:
        print(e)
    if errors:
        print(f"{len(errors)} problem(s)", file=sys.stderr)
        return 1
    counts = ", ".join(f"{n.removesuffix('.tsv')} {len(rows)}" for n, rows in data.items())
    print(f"lexicons ok: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
