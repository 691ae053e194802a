"""Possible duplicates need evidence that adds up: 40 name pairs, no false positive, no missed duplicate."""

import random
import tomllib

import pytest

from coorace_desktop.domain.members import SiteDraft
from coorace_desktop.domain.text import fold
from coorace_desktop.resources import resource
from coorace_desktop.services.demo import DEMO_DATA
from coorace_desktop.services.importing import (
    MEMBERS,
    Action,
    apply_members,
    preview_members,
    propose_mapping,
    read_table,
)
from coorace_desktop.services.importing.member_match import Places, comparable, name_evidence
from coorace_desktop.services.importing.member_plan import (
    ExistingIndex,
    ExistingOrganisation,
    ExistingSite,
    plan_members,
)
from coorace_desktop.services.importing.member_rows import MERGED_FIELDS, OrganisationDraft
from tests.services.importing.files import MEMBER_HEADERS, french_excel_csv

# (name in the file, its postcode and town) vs (name stored, its postcode and town)
SAME = [
    (("Hérisson-Bellor SARL", "09100", "Pamiers"), ("HERISSON BELLOR", "09100", "Pamiers")),
    (("Régie de Quartier Cœur de Ville", "31000", "Toulouse"), ("REGIE DE QUARTIER COEUR DE VILLE", "31000", "Toulouse")),
    (("Association Tremplin", "12100", "Millau"), ("TREMPLIN", "12100", "Millau")),
    (("Vallées Village Montagne", "", "Tarascon"), ("VALLEES VILLAGES MONTAGNE", "09400", "Tarascon-sur-Ariège")),
    (("CASTA ALZEN", "09240", "Alzen"), ("CASTA", "09240", "Alzen")),
    (("Services Insertion Ariège", "09000", "Foix"), ("Insertion Ariège Services", "09000", "Foix")),
    (("Jardins de Cocagne du Tarn", "81100", "Castres"), ("Jardin de Cocagne Tarn", "81000", "Albi")),
    (("Recyclerie du Couserans", "09200", "Saint-Girons"), ("RECYCLERIE DU COUSERANS", "09200", "Saint-Girons")),
    (("Emmaüs Cahors", "46000", "Cahors"), ("EMMAUS CAHORS", "46000", "Cahors")),
    (("Chantier Nature et Patrimoine", "48000", "Mende"), ("Chantier Nature & Patrimoine", "48000", "Mende")),
    (("Atelier Vélo Solidaire", "34000", "Montpellier"), ("Atelier Velo Solidaire Montpellier", "34000", "Montpellier")),
    (("ETTI Intérim Gers", "32000", "Auch"), ("Interim Gers", "32000", "Auch")),
    (("Entreprise d'insertion Bâti Sud", "66000", "Perpignan"), ("Bati Sud", "66000", "Perpignan")),
    (("Les Jardins du Volvestre", "31310", "Rieux-Volvestre"), ("JARDINS DU VOLVESTRE", "31310", "Rieux-Volvestre")),
    (("Ressourcerie de l'Aveyron", "12000", "Rodez"), ("Ressourcerie Aveyron", "12850", "Onet-le-Château")),
    (("Le Relais Gard", "30000", "Nîmes"), ("Relais du Gard", "30000", "Nimes")),
    (("Solidarité Emploi Lozère", "48100", "Marvejols"), ("SOLIDARITE EMPLOI LOZERE", "48100", "Marvejols")),
    (("Tarn Services Plus", "81000", "Albi"), ("Tarn Service Plus", "81000", "Albi")),
    (("AI Coup de Main", "82000", "Montauban"), ("Coup de Main", "82000", "Montauban")),
    (("Envol Insertion", "65000", "Tarbes"), ("ENVOL INSERTION", "65000", "Tarbes")),
]
DIFFERENT = [
    (("Œuvre d'Entraide Cévenole", "48400", "Florac"), ("ENTRAIDE", "46110", "Vayrac")),
    (("Entraide Partage Travail", "31820", "Pibrac"), ("ENTRAIDE", "46110", "Vayrac")),
    (("Chantier Nature Lot", "46000", "Cahors"), ("Chantier Nature Tarn", "81000", "Albi")),
    (("Emmaüs Toulouse", "31000", "Toulouse"), ("Régie Toulouse Est", "31000", "Toulouse")),
    (("Tremplin Gard", "30000", "Nîmes"), ("TREMPLIN", "12100", "Millau")),
    (("Jardins de Cocagne Ariège", "09000", "Foix"), ("Jardin de Cocagne Tarn", "81000", "Albi")),
    (("Recyclerie du Lot", "46100", "Figeac"), ("Recyclerie du Couserans", "09200", "Saint-Girons")),
    (("Relais Emploi", "34500", "Béziers"), ("Relais du Gard", "30000", "Nimes")),
    (("Emploi Service", "11000", "Carcassonne"), ("Service Emploi Lozère", "48000", "Mende")),
    (("Association Intermédiaire du Pays Cathare", "11300", "Limoux"), ("Pays Cathare Tourisme", "11000", "Carcassonne")),
    (("Bâti Nord", "31000", "Toulouse"), ("Bati Sud", "66000", "Perpignan")),
    (("Insertion Tarn", "81000", "Albi"), ("Insertion Gers", "32000", "Auch")),
    (("Coup de Pouce 65", "65000", "Tarbes"), ("Coup de Main", "82000", "Montauban")),
    (("Envol", "65000", "Tarbes"), ("Envol Aveyron Insertion", "12000", "Rodez")),
    (("Atelier Vélo Toulouse", "31000", "Toulouse"), ("Atelier Velo Solidaire Montpellier", "34000", "Montpellier")),
    (("Régie de quartier Empalot", "31400", "Toulouse"), ("Régie de quartier Reynerie", "31100", "Toulouse")),
    (("Solidarité Paysanne", "32000", "Auch"), ("SOLIDARITE EMPLOI LOZERE", "48100", "Marvejols")),
    (("Ressourcerie Rodez", "12000", "Rodez"), ("Recyclerie Millau", "12100", "Millau")),
    (("Les Jardins d'Oc", "34000", "Montpellier"), ("JARDINS DU VOLVESTRE", "31310", "Rieux-Volvestre")),
    (("ETTI Pyrénées", "66000", "Perpignan"), ("Intérim Gers", "32000", "Auch")),
]


def index_of(name: str, postcode: str, town: str) -> ExistingIndex:
    site = ExistingSite(1, 0, "", postcode, town, "", "", "")
    return ExistingIndex({1: ExistingOrganisation(1, name, {merged.name: "" for merged in MERGED_FIELDS}, sites=[site])})


def draft_of(name: str, postcode: str, town: str) -> OrganisationDraft:
    return OrganisationDraft((2,), name, fold(name), sites=(SiteDraft(postcode=postcode, city=town),))


def test_forty_pairs_no_false_positive_and_no_missed_duplicate():
    assert len(SAME) + len(DIFFERENT) == 40
    missed = [pair for pair in SAME if plan_members(index_of(*pair[1]), [draft_of(*pair[0])])[0].action == Action.CREATE]
    false = [pair for pair in DIFFERENT if plan_members(index_of(*pair[1]), [draft_of(*pair[0])])[0].action != Action.CREATE]
    assert (missed, false) == ([], [])


@pytest.mark.parametrize(("draft", "reason"), [
    (("CASTA ALZEN", "09240", "Alzen"), "nom inclus dans l'autre et même ville : Alzen"),
    (("Jardins de Cocagne du Tarn", "81100", "Castres"), "nom proche (97 %) et même département : 81"),
])
def test_the_reason_names_the_evidence(draft, reason):
    existing = {"CASTA ALZEN": ("CASTA", "09240", "Alzen")}.get(draft[0], ("Jardin de Cocagne Tarn", "81000", "Albi"))
    (planned,) = plan_members(index_of(*existing), [draft_of(*draft)])
    assert (planned.action, planned.reason) == (Action.DUPLICATE, reason)


def test_three_new_organisations_of_a_french_excel_csv_are_created(demo_database, tmp_path):
    rows = [
        ["Œuvre d'Entraide Cévenole", "ACI", "2 rue du Pêcher", "48400", "Florac", "04 66 45 00 11", "contact@entraide-cevenole.fr", "", "", ""],
        ["Tremplin Gard", "AI", "5 quai de la Fontaine", "30000", "Nîmes", "04 66 21 00 22", "accueil@tremplin-gard.fr", "", "", ""],
        ["Casta Services Lozère", "EI", "1 place du Foirail", "48000", "Mende", "", "", "", "", ""],
    ]
    table = read_table(french_excel_csv(tmp_path / "nouveaux.csv", [MEMBER_HEADERS, *rows]))
    preview = preview_members(demo_database, table, propose_mapping(table, MEMBERS))
    assert [item.action for item in preview.planned] == [Action.CREATE] * 3, [(i.draft.name, i.reason) for i in preview.planned]
    assert apply_members(demo_database, preview).created == 3


# Slips a file makes in a stored name, each applied at a few places of the name.
LEGAL_FORMS = ["SARL", "Association", "AI", "ACI", "SCOP", "EI"]


def variants(name: str, rng: random.Random) -> list[str]:
    """Names a file may give for `name`: a letter dropped, changed, added or swapped with the
    next, at the start, the middle or the end of a word; a legal form added; a word dropped or plural."""
    words = name.split()
    found = []
    for _ in range(3):
        w = rng.randrange(len(words))
        word = words[w]
        i = rng.choice([0, 1, len(word) // 2, len(word) - 1]) if len(word) > 1 else 0
        letter = rng.choice("aeiorstnl")
        for slipped in (word[:i] + word[i + 1 :], word[:i] + letter + word[i + 1 :], word[:i] + letter + word[i:], word[:i] + word[i + 1 : i + 2] + word[i] + word[i + 2 :]):
            found.append(" ".join([*words[:w], slipped, *words[w + 1 :]]))
    found += [f"{rng.choice(LEGAL_FORMS)} {name}", f"{name} {rng.choice(LEGAL_FORMS)}", f"{name}s"]
    if len(words) > 1:
        found.append(" ".join(word for n, word in enumerate(words) if n != rng.randrange(len(words))))
    return [variant for variant in found if variant.strip() and fold(variant) != fold(name)]


def realistic_sample() -> tuple[ExistingIndex, list[OrganisationDraft]]:
    """The demo's 51 organisations and the 40 pairs' stored sides; in the file, each one's
    variants in its town and in another town of its département."""
    data = tomllib.loads(resource(*DEMO_DATA).read_text(encoding="utf-8"))
    stored = [(o["name"], site[1], site[2]) for o in data["organisations"] for site in o["sites"][:1]]
    stored += [pair[1] for pair in SAME + DIFFERENT]
    organisations = {}
    for number, (name, postcode, town) in enumerate(dict.fromkeys(stored), start=1):
        site = ExistingSite(number, 0, "", postcode, town, "", "", "")
        organisations[number] = ExistingOrganisation(number, name, {merged.name: "" for merged in MERGED_FIELDS}, sites=[site])
    rng = random.Random(22)
    drafts = []
    for name, postcode, town in dict.fromkeys(stored):
        for variant in variants(name, rng):
            drafts.append(draft_of(variant, postcode, town))
            drafts.append(draft_of(variant, postcode[:2] + "990", "Ailleurs"))
    return ExistingIndex(organisations), drafts


def test_the_blocked_search_finds_what_weighing_every_pair_finds():
    """Weighing every pair of the sample says which drafts have evidence; the blocked search finds
    one of those for each, except close names outside the blocks searched, which the docstring of
    services/importing/member_match.py gives up (none on this sample: the bound is for a change of it)."""
    index, drafts = realistic_sample()
    stored = list(index.organisations.values())
    places = {o.id: Places.of(o.sites) for o in stored}
    given_up = []
    for draft in drafts:
        key, draft_places = comparable(draft.name_key), Places.of(draft.sites)
        evidence = {o.id: e for o in stored if (e := name_evidence(key, draft_places, comparable(fold(o.name)), places[o.id]))}
        found = index.finder.find(draft)
        if found is not None:
            assert found.reason == evidence.get(found.organisation_id), (draft.name, found)
            continue
        for organisation_id, reason in evidence.items():
            assert reason.startswith("nom proche") and not index.finder.weighs(key, organisation_id), (draft.name, reason)
            given_up.append((draft.name, index.organisations[organisation_id].name))
    found = sum(1 for draft in drafts if index.finder.find(draft))
    assert found > 1_000 and len(given_up) < found / 50, (found, given_up)
