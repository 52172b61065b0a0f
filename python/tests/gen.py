"""Generated news articles for the tests and the benchmark (deterministic per seed).

Short wire-style articles with named and anonymous sources, direct, partial
and continued quotes, claims with several stances, and text that is not
ASCII: accented names, CJK and Cyrillic places, typographic and guillemet
quotation marks, emoji and other astral characters (two UTF-16 units, four
UTF-8 bytes, one Python character), CRLF line ends and a byte-order mark now
and then. Offsets in the three units differ on almost every article.
"""

from __future__ import annotations

import random

FIRST = ["Jane", "Zoë", "José", "Łukasz", "Amélie", "Ngozi", "Søren", "Mehmet", "Ana", "Rhys",
         "Ioana", "Björn", "Chloé", "Tomás", "Ayşe", "Kofi"]
LAST = ["Okafor", "Müller", "García", "Nowak", "Dubois", "Adeyemi", "Ødegaard", "Yılmaz",
        "Silva", "Evans", "Popescu", "Ångström", "Moreau", "Ó Briain", "Şahin", "Mensah"]
TITLES = ["Finance Minister", "Mayor", "Senator", "Police Chief", "Health Secretary",
          "Governor", "Professor", "Judge"]
ORGS = ["the Ministry of Health", "Acme Mining Corp", "the Électricité Union", "the Port Authority",
        "Nordvik Bank", "the World Water Council"]
PLACES = ["Kraków", "São Paulo", "東京", "Москва", "Zürich", "Reykjavík", "Δελφοί", "Lagos"]
ANON = ["a senior official who requested anonymity", "two people familiar with the talks",
        "an aide who spoke on condition of anonymity", "a government spokesperson"]
TOPICS = ["the flood barrier", "the new rail line", "water prices", "the mining licence",
          "the hospital budget", "the ferry service", "fuel subsidies", "the café tax 🍵"]
EMOJI = ["🌊", "🚆", "💧", "⛏️", "🏥", "⛴️", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "😀", "🇳🇬", "👩🏽‍⚕️"]
MARKS = [('"', '"'), ("“", "”"), ("«\u00a0", "\u00a0»"), ("„", "“"), ("‘", "’")]
CUES = ["said", "told reporters", "added", "wrote on social media", "said on Tuesday"]
CLAIMS = [
    ("{s} denied that {t} had been delayed", "deny"),
    ("{s} warned that {t} could cost more than €{n} million", "warn"),
    ("{s} urged lawmakers to approve {t}", "urge"),
    ("{s} confirmed that {t} would open in {p}", "confirm"),
    ("{s} accused {o} of hiding the true cost of {t}", "accuse"),
    ("{s} promised to finish {t} by {y}", "promise"),
    ("{s} said {t} was on schedule", "assert"),
    ("According to {s}, {t} is {n}% over budget", "assert"),
]
SAYINGS = ["We will not accept delays", "This is a matter of public safety",
           "Nobody in {p} should pay more for water", "The numbers do not add up",
           "We have done our part, and now it is their turn", "Ça suffit",
           "It is a good day for {p} {e}", "Nothing has been decided yet"]


def _person(r: random.Random) -> tuple[str, str]:
    first, last = r.choice(FIRST), r.choice(LAST)
    return f"{r.choice(TITLES)} {first} {last}", last


def article(r: random.Random) -> str:
    place, topic = r.choice(PLACES), r.choice(TOPICS)
    full1, last1 = _person(r)
    full2, last2 = _person(r)
    org = r.choice(ORGS)
    fill = dict(p=place, t=topic, o=org, e=r.choice(EMOJI), n=r.randint(2, 900), y=r.randint(2027, 2035))
    paras = [f"{place.upper()} {r.choice(EMOJI)} — Officials in {place} clashed on Monday over {topic}."]
    for _ in range(r.randint(2, 6)):
        kind = r.random()
        open_, close = r.choice(MARKS)
        saying = r.choice(SAYINGS).format(**fill)
        if kind < 0.35:
            who = r.choice([full1, full2, last1, last2, "she", "he"])
            paras.append(f"{open_}{saying},{close} {who} {r.choice(CUES)}.")
        elif kind < 0.55:
            who = r.choice([full1, last2, org[0].upper() + org[1:]])
            paras.append(f"{who} said the plan was {open_}{saying.lower()}{close} and {r.choice(EMOJI)} more.")
        elif kind < 0.75:
            tmpl, _stance = r.choice(CLAIMS)
            who = r.choice([full1, full2, last1, r.choice(ANON), org])
            s = tmpl.format(s=who, **fill)
            paras.append(s[0].upper() + s[1:] + ".")
        elif kind < 0.85:
            anon = r.choice(ANON)
            paras.append(f"{open_}{saying}.{close} said {anon}.")
        else:
            paras.append(f"{open_}{saying}. We will see in {fill['y']}.")
            paras.append(f"{open_}{r.choice(SAYINGS).format(**fill)},{close} {last1} said.")
    sep = "\r\n\r\n" if r.random() < 0.1 else "\n\n"
    text = sep.join(paras) + "\n"
    if r.random() < 0.05:
        # A U+FEFF inside the text, which every door keeps as a character
        # (the CLI drops one only at the very start of a file, as a byte-order
        # mark, so a leading one would make the CLI's text differ).
        cut = text.find(sep) + len(sep) if sep in text else 0
        text = text[:cut] + "\ufeff" + text[cut:]
    return text


def articles(n: int, seed: int = 16) -> list[str]:
    r = random.Random(seed)
    return [article(r) for _ in range(n)]


if __name__ == "__main__":
    import sys

    for t in articles(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
        print(t)
        print("-" * 40)
