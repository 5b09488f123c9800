"""People's names as registers write them: titles, given and family names, sorting by family name."""

from __future__ import annotations

from dataclasses import dataclass

from lsp_desktop.domain.text import fold

# Titles written before a name ("Cllr Margaret O'Neill"); compared case- and dot-blind.
TITLES: tuple[str, ...] = (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Cllr", "Councillor",
    "Rev", "Revd", "Reverend", "Rt Revd", "Rt Rev", "Canon", "Father", "Fr", "Sister", "Rabbi",
    "Imam", "Bishop", "Sir", "Dame", "Lord", "Lady", "Baroness", "Baron", "Hon", "Rt Hon",
    "Ch Supt", "Chief Supt", "Supt", "Chief Inspector", "Ch Insp", "Insp", "Inspector",
    "Det Insp", "Alderman", "Mayor",
)
# Words that belong to the family name that follows them ("ap Siôn", "de la Cruz",
# "Ó Súilleabháin", "van der Berg"); they sort with it.
PARTICLES: frozenset[str] = frozenset({
    "ap", "ab", "ferch", "verch", "de", "del", "della", "der", "den", "di", "da", "das", "do",
    "dos", "du", "la", "le", "les", "van", "von", "vom", "zu", "ter", "ten", "mac", "mc",
    "ó", "o", "ní", "ni", "nic", "mhic", "uí", "ui", "bin", "binti", "bint", "ibn", "al", "el",
    "st", "st.", "saint",
})

_TITLE_KEYS = sorted(((t.replace(".", "").casefold().split()) for t in TITLES),
                     key=lambda words: -len(words))
_TITLE_FIRST = frozenset(words[0] for words in _TITLE_KEYS)


def _bare(word: str) -> str:
    return word.replace(".", "").casefold()


def split_title(text: str) -> tuple[str, str]:
    """('Cllr', "Margaret O'Neill") from "Cllr Margaret O'Neill"; ('', text) without one.

    Several titles in a row are kept together ("Rt Hon Lord ..."). A name that would be
    left empty keeps its words ("Lord" alone stays the name).
    """
    words = text.split()
    if not words or _bare(words[0]) not in _TITLE_FIRST:
        return "", " ".join(words)
    taken = 0
    while taken < len(words) - 1:
        rest = [_bare(w) for w in words[taken:]]
        hit = next((t for t in _TITLE_KEYS if rest[:len(t)] == t and len(t) < len(rest)), None)
        if hit is None:
            break
        taken += len(hit)
    return " ".join(words[:taken]), " ".join(words[taken:])


def same_title(a: str, b: str) -> bool:
    return _bare(a).replace(" ", "") == _bare(b).replace(" ", "")


def split_name(name: str) -> tuple[str, str]:
    """(given names, family name): the last word is the family name, with any particles
    before it. "Rhodri ap Siôn" -> ("Rhodri", "ap Siôn"); "Maria de la Cruz" ->
    ("Maria", "de la Cruz"); "Cher" -> ("", "Cher")."""
    words = name.split()
    if not words:
        return "", ""
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in PARTICLES:
        start -= 1
    if start == 1 and len(words) > 2 and words[0].casefold() in PARTICLES:
        start = 0       # "de la Cruz" alone: all family name
    return " ".join(words[:start]), " ".join(words[start:])


def join_name(given: str, family: str) -> str:
    return f"{given.strip()} {family.strip()}".strip()


def given_from(name: str, family: str) -> str:
    """The given names: the name less the family name written at its end (or its start,
    for names written family-first)."""
    name, family = name.strip(), family.strip()
    if family and name.endswith(family):
        return name[: -len(family)].strip()
    if family and name.startswith(family):
        return name[len(family):].strip()
    return split_name(name)[0]


def family_in_name(name: str, family: str) -> bool:
    return not family.strip() or family in name or fold(family) in fold(name)


def sort_key(family: str, given: str) -> str:
    """The register's order: family name as written (particles kept), then given names,
    with case, accents and apostrophes folded. "ap Siôn" sorts under A, "O'Connor" under O."""
    return f"{fold(family)} {fold(given)}"


@dataclass(frozen=True)
class PersonName:
    """A name taken apart: title, given names, family name, and the name as written."""

    title: str
    given: str
    family: str
    name: str


def read_name(text: str = "", title: str = "", given: str = "", family: str = "") -> PersonName:
    """One person's name from a register's cells: a whole name (perhaps with a title in
    front), and/or given and family names apart.

    A title in front of the name goes to the title when the Title cell is empty or says the
    same ("Cllr" + "Cllr Margaret O'Neill" is Cllr, Margaret O'Neill - never "Cllr Cllr");
    a different one stays in the name ("Revd" + "Canon Peter Hughes"), so nothing is lost.
    """
    return PersonName(*name_parts(text, title, given, family))


def name_parts(text: str = "", title: str = "", given: str = "",
               family: str = "") -> tuple[str, str, str, str]:
    """read_name() as a plain (title, given, family, name) tuple (an import reads 50,000)."""
    # Each run of spaces made one, ends stripped (str.split() splits at exactly what the
    # regular expression \s matches): quicker than a regular expression for each cell.
    title = " ".join(title.split()) if title else ""
    text = " ".join(text.split()) if text else ""
    given = " ".join(given.split()) if given else ""
    family = " ".join(family.split()) if family else ""
    from_name, name = _untitled(text, title)
    from_given, given = _untitled(given, title) if given else ("", "")
    if given or family:
        if not (name and family_in_name(name, family) and fold(given) in fold(name)):
            name = join_name(given, family)
    else:
        given, family = split_name(name)
    return title or from_name or from_given, given, family, name


def _untitled(words: str, title: str) -> tuple[str, str]:
    """(title taken, the rest) from `words`: a title in front is taken when the Title cell
    is empty or says the same, else the words stay whole."""
    written, rest = split_title(words)
    if not written or (title and not same_title(title, written)):
        return "", words
    return written, rest
