"""Which stored organisation a file's organisation is, or may be: the same SIRET or name (the same
one), else a possible duplicate on evidence that adds up: the same e-mail or phone, or a close
name *and* the same town or département (a short name inside a longer one is no evidence alone:
"ENTRAIDE" in Vayrac is not "Œuvre d'Entraide Cévenole" in Florac).

Names are weighed only where evidence can be found (blocking), as 10,000 drafts against 10,000
organisations cannot all be weighed against each other in under a second:
- a contained name among the names having the draft's rarest word, or whose own rarest word the
  draft has (then checked word by word): every one is found;
- a close name (85 % alike) among the organisations of the draft's places (départements, first
  word of its towns) whose two rarest words (rarest among the stored names) are within a slip
  of a word of the draft, judged on their ends: the first or last three letters of a word of
  seven letters or more; a shorter word whole or with any one letter left out. Given up: pairs
  where both rarest words of the stored name are missing from the file's name or slipped more
  than once. One slip (a letter missing, added, changed, or two swapped) leaves a long word
  whole at one end, and a short one a spelling with a letter out in common,
  so a duplicate given up differs from the stored name in its most distinctive words, which the
  user would hardly recognise either. tests/services/importing/test_duplicates.py compares the
  search with weighing every pair on the demo's names and 1,400 misspelt variants of them."""

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from coorace_desktop.domain.departments import department_of_postcode
from coorace_desktop.domain.text import fold

# token_sort_ratio on folded names: 'Hérisson Bellor SARL' vs 'HERISSON BELLOR' scores 86.
FUZZY_NAME_CUTOFF = 85
CONTAINED_NAME_MIN = 5
RAREST_WORDS = 2  # a stored name is blocked by its rarest words
SHORT_WORD = 6  # letters: two letters swapped in the middle of a longer word leave an end whole
SPLIT_AFTER = 48  # drafts weighed against a whole place before it is split into blocks (~the cost ratio)
_NOT_DIGITS = re.compile(r"\D")
# Compared names leave these out: "Le Relais Gard" and "Relais du Gard" are one name.
_LINK_WORDS = frozenset({"l", "le", "la", "les", "d", "de", "du", "des", "et", "en", "au", "aux", "a"})
_fold_town = functools.lru_cache(maxsize=4_096)(fold)  # a directory names a few hundred towns


@dataclass(frozen=True, slots=True)
class Places:
    """Where an organisation is: its towns (folded, as written) and its départements."""

    towns: tuple[tuple[str, str], ...] = ()
    departments: frozenset[str] = frozenset()

    @classmethod
    def of(cls, sites) -> "Places":
        """From sites (drafts, stored sites or rows) with a city, a postcode and a department."""
        return cls(
            tuple((_fold_town(site.city), site.city) for site in sites if site.city),
            frozenset(d for site in sites if (d := site.department or department_of_postcode(site.postcode) or "")),
        )

    def keys(self) -> set[str]:
        """Keys two places that may be shared both have: the département, the town's first word."""
        return {f"d{department}" for department in self.departments} | {f"t{town.split()[0]}" for town, _ in self.towns if town}

    def shared_with(self, other: "Places") -> str:
        """'même ville : Florac' (as `other` writes it), 'même département : 48', or ''."""
        for town, _written in self.towns:
            for other_town, written in other.towns:
                # "Tarascon" and "Tarascon-sur-Ariège" are one town; the shorter is a whole-word prefix.
                short, long = sorted((town, other_town), key=len)
                if long == short or long.startswith(short + " "):
                    return f"même ville : {written}"
        if common := sorted(self.departments & other.departments):
            return f"même département : {common[0]}"
        return ""


def comparable(key: str) -> str:
    """A folded name without its link words, as names are compared."""
    return " ".join(word for word in key.split() if word not in _LINK_WORDS) or key


def name_likeness(key: str, other_key: str) -> str:
    """'nom proche (88 %)', "nom inclus dans l'autre", or '' for two folded names."""
    key, other_key = comparable(key), comparable(other_key)
    score = fuzz.token_sort_ratio(key, other_key)
    if score >= FUZZY_NAME_CUTOFF:
        return f"nom proche ({score:.0f} %)"
    if min(len(key), len(other_key)) >= CONTAINED_NAME_MIN and fuzz.token_set_ratio(key, other_key) == 100:
        return "nom inclus dans l'autre"
    return ""


def name_evidence(key: str, places: Places, other_key: str, other_places: Places) -> str:
    """Why two organisations may be one by name: a close name and a shared place, else ''."""
    likeness = name_likeness(key, other_key)
    place = likeness and places.shared_with(other_places)
    return f"{likeness} et {place}" if place else ""


def digits(phone: str) -> str:
    if (compact := phone.replace(" ", "")).isdecimal():  # '05 61 67 80 37': most stored phones
        return compact
    return _NOT_DIGITS.sub("", phone)


@dataclass(frozen=True, slots=True)
class Found:
    organisation_id: int
    reason: str
    certain: bool  # the same SIRET or name: this organisation; else a possible duplicate


@dataclass(frozen=True, slots=True)
class SitePlace:
    city: str
    postcode: str
    department: str


@functools.lru_cache(maxsize=65_536)  # sites repeat towns: a few thousand distinct ones
def _site_keys(city: str, postcode: str, department: str) -> frozenset[str]:
    """A site's Places.keys()."""
    return frozenset(Places.of((SitePlace(city, postcode, department),)).keys())


def name_blocks(words: Iterable[str]) -> set[str]:
    """The blocks a stored name is in, by its rarest words: a long word's first and last three
    letters (one slip leaves one end whole), a short word itself and with any one letter left
    out (one slip leaves them one such spelling in common)."""
    return set().union(*map(_word_blocks, words))


@functools.lru_cache(maxsize=65_536)  # names repeat their words
def _word_blocks(word: str) -> frozenset[str]:
    return frozenset((f"<{word[:3]}", f"{word[-3:]}>") if len(word) > SHORT_WORD else _with_a_letter_out(word))


def searched_blocks(words: Iterable[str]) -> set[str]:
    """The blocks a file's name is weighed in: those of each word as long and, if it may be a
    short word with a letter added, as short."""
    return set().union(*map(_searched_word_blocks, words))


@functools.lru_cache(maxsize=65_536)  # a file's names repeat their words
def _searched_word_blocks(word: str) -> frozenset[str]:
    ends = {f"<{word[:3]}", f"{word[-3:]}>"}
    return frozenset(ends | _with_a_letter_out(word) if len(word) <= SHORT_WORD + 1 else ends)


def _with_a_letter_out(word: str) -> set[str]:
    return {f"={word}"} | {f"={word[:i]}{word[i + 1 :]}" for i in range(len(word))}


class Finder:
    """Looks drafts up among organisations by SIRET, name, e-mail and phone, and weighs names
    only where evidence can be found (see the module's docstring). Built from narrow rows in
    organisation order: (id, name, siret), (organisation id, city, postcode, department, email,
    phone) per site and (organisation id, email, phone) per contact."""

    def __init__(
        self, organisations: Iterable[tuple], sites: Iterable[tuple], contacts: Iterable[tuple], vocabulary: set[str] | None = None
    ) -> None:
        """`vocabulary`: the words of the names that will be looked for, when known (a name
        with another word cannot be inside theirs); None: any."""
        self.vocabulary = vocabulary
        self.by_siret: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_phone: dict[str, int] = {}
        for organisation_id, name, siret in organisations:
            if siret:
                self.by_siret[siret] = organisation_id
            self.by_name.setdefault(fold(name), organisation_id)
        # One organisation per name is weighed (the first of those bearing it).
        self._ids = list(self.by_name.values())
        self._keys = [comparable(key) for key in self.by_name]
        # token_sort_ratio is the ratio of the names' sorted words: sorted once here.
        self._sorted = [" ".join(sorted(key.split())) for key in self._keys]
        self._position = position_of = {organisation_id: position for position, organisation_id in enumerate(self._ids)}
        self._sites: dict[int, list[SitePlace]] = {}
        self._near: dict[str, list[int]] = {}  # place key -> positions, ascending
        for organisation_id, city, postcode, department, email, phone in sites:
            self._sites.setdefault(organisation_id, []).append(SitePlace(city, postcode, department))
            self._note(organisation_id, email, phone)
            if (position := position_of.get(organisation_id)) is not None:
                for place in _site_keys(city, postcode, department):
                    near = self._near.setdefault(place, [])
                    if not near or near[-1] != position:  # two sites in one town
                        near.append(position)
        for organisation_id, email, phone in contacts:
            self._note(organisation_id, email, phone)
        self._places: dict[int, Places] = {}
        self._looks: Counter[str] = Counter()
        self._split: dict[str, dict[str, tuple[list[int], list[str]]]] = {}
        self._whole: dict[str, tuple[list[int], list[str]]] = {}

    def _note(self, organisation_id: int, email: str, phone: str) -> None:
        # The first organisation (by id) giving an e-mail or phone is the one named.
        if email and organisation_id < self.by_email.setdefault(email := email.casefold(), organisation_id):
            self.by_email[email] = organisation_id
        if phone and organisation_id < self.by_phone.setdefault(phone := digits(phone), organisation_id):
            self.by_phone[phone] = organisation_id

    def places(self, organisation_id: int) -> Places:
        if organisation_id not in self._places:
            self._places[organisation_id] = Places.of(self._sites.get(organisation_id, ()))
        return self._places[organisation_id]

    def find(self, draft) -> Found | None:
        """The organisation the draft is or may be, and why; None when it looks new."""
        if draft.siret and draft.siret in self.by_siret:
            return Found(self.by_siret[draft.siret], "même SIRET", True)
        if draft.name_key in self.by_name:
            return Found(self.by_name[draft.name_key], "même nom", True)
        for email in _emails(draft):
            if email.casefold() in self.by_email:
                return Found(self.by_email[email.casefold()], f"même e-mail : {email}", False)
        for phone in _phones(draft):
            if digits(phone) in self.by_phone:
                return Found(self.by_phone[digits(phone)], f"même téléphone : {phone}", False)
        places = Places.of(draft.sites)
        key = comparable(draft.name_key)
        for position in itertools.chain(self._close_names(key, places), self._contained_names(key)):
            organisation_id = self._ids[position]
            if evidence := name_evidence(key, places, self._keys[position], self.places(organisation_id)):
                return Found(organisation_id, evidence, False)
        return None

    def _close_names(self, key: str, places: Places) -> Iterator[int]:
        """Names at least 85 % alike in the draft's blocks, the closest first."""
        words = key.split()
        sorted_key, blocks = " ".join(sorted(words)), searched_blocks(words)
        scores: dict[int, float] = {}
        for positions, names in self._weighed(places.keys(), blocks):
            for _name, score, index in process.extract(sorted_key, names, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME_CUTOFF, limit=None):
                scores[positions[index]] = score
        # A place weighed whole (not split yet) keeps the same pairs as its blocks would; checked
        # lazily, as the first name with evidence ends the search.
        for position in sorted(scores, key=lambda position: (-scores[position], position)):
            if blocks & self._stored_blocks(position):
                yield position

    def _weighed(self, places: set[str], blocks: set[str]) -> list[tuple[list[int], list[str]]]:
        """The lists to weigh a draft's name against: a place's whole list until it has been
        looked at SPLIT_AFTER times (500 drafts against 100,000 organisations would not repay
        splitting every place), then those of its blocks the draft's name has, all in one list (a
        block holds a name or two: one weighing per block cost more than the weighing). A name in
        two of them is weighed twice, which costs less than looking for it in the list first."""
        lists: list[tuple[list[int], list[str]]] = []
        positions: list[int] = []
        names: list[str] = []
        for place in places & self._near.keys():
            split = self._split[place] if place in self._split else self._split_once_looked(place)
            if split is None:
                lists.append(self._whole[place])
                continue
            for block in split.keys() & blocks:
                block_positions, block_names = split[block]
                positions += block_positions
                names += block_names
        if positions:
            lists.append((positions, names))
        return lists

    def _split_once_looked(self, place: str) -> dict[str, tuple[list[int], list[str]]] | None:
        """The place's names by block once it has been looked at SPLIT_AFTER times; None before
        (its whole list is then in self._whole)."""
        self._looks[place] += 1
        near = self._near[place]
        if self._looks[place] < SPLIT_AFTER:
            if place not in self._whole:
                self._whole[place] = (near, [self._sorted[position] for position in near])
            return None
        split: dict[str, tuple[list[int], list[str]]] = {}
        for position in near:
            for block in self._stored_blocks(position):
                block_positions, block_names = split.setdefault(block, ([], []))
                block_positions.append(position)
                block_names.append(self._sorted[position])
        self._split[place] = split
        return split

    def weighs(self, key: str, organisation_id: int) -> bool:
        """Whether a name (comparable) is weighed against this organisation's for closeness."""
        return bool(searched_blocks(key.split()) & self._stored_blocks(self._position[organisation_id]))

    @functools.cache  # noqa: B019 (one Finder per preview; each name in a few places)
    def _stored_blocks(self, position: int) -> set[str]:
        """A stored name's blocks: those of its rarest words."""
        words = sorted(set(self._keys[position].split()), key=lambda word: (self._frequency[word], word))
        return name_blocks(words[:RAREST_WORDS])

    @functools.cached_property
    def _frequency(self) -> Counter[str]:
        return Counter(word for key in self._keys for word in set(key.split()))

    @functools.cached_property
    def _word_index(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Every word's names, and each name under its rarest word only (only the names whose
        words are all in the vocabulary: the others are inside no name looked for)."""
        vocabulary = self.vocabulary
        by_word: dict[str, list[int]] = {}
        for position, key in enumerate(self._keys):
            for word in set(key.split()):
                if vocabulary is None or word in vocabulary:
                    by_word.setdefault(word, []).append(position)
        by_rarest: dict[str, list[int]] = {}
        for position, key in enumerate(self._keys):
            words = key.split()
            if words and (vocabulary is None or all(word in vocabulary for word in words)):
                by_rarest.setdefault(min(words, key=lambda word: (len(by_word[word]), word)), []).append(position)
        return by_word, by_rarest

    def _contained_names(self, key: str) -> list[int]:
        """Names holding every word of the draft's, or whose every word the draft's holds."""
        words = frozenset(key.split())
        if len(key) < CONTAINED_NAME_MIN or not words:
            return []
        by_word, by_rarest = self._word_index
        rarest = min(words, key=lambda word: len(by_word.get(word, ())))
        found = {p for p in by_word.get(rarest, ()) if words <= set(self._keys[p].split())}
        found.update(p for word in words for p in by_rarest.get(word, ()) if set(self._keys[p].split()) <= words)
        return sorted(found)


def _emails(draft) -> list[str]:
    return [s.email for s in draft.sites if s.email] + [c.email for c in draft.contacts if c.email]


def _phones(draft) -> list[str]:
    return [s.phone for s in draft.sites if s.phone] + [c.phone for c in draft.contacts if c.phone]
