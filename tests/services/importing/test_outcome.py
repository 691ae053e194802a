"""An import's summaries agree with their counts: they read « 1 inchangé(s) », « 1 créé(s) »."""

import pytest

from coorace_desktop.services.importing.outcome import ImportResult, nothing_imported, preview_summary


@pytest.mark.parametrize(("count", "members", "figures", "done"), [
    (1, "1 à créer, 1 à mettre à jour, 1 inchangé, 1 doublon possible, 1 ligne en erreur.",
     "1 à créer, 1 à mettre à jour, 1 inchangé, 1 ligne en erreur.",
     "1 créé, 1 mis à jour, 1 inchangé, 1 doublon possible ignoré, 1 ligne en erreur non importée."),
    (2, "2 à créer, 2 à mettre à jour, 2 inchangés, 2 doublons possibles, 2 lignes en erreur.",
     "2 à créer, 2 à mettre à jour, 2 inchangés, 2 lignes en erreur.",
     "2 créés, 2 mis à jour, 2 inchangés, 2 doublons possibles ignorés, 2 lignes en erreur non importées."),
])
def test_the_summaries_agree_with_their_counts(count, members, figures, done):
    assert preview_summary(count, count, count, count, duplicates=count) == members
    assert preview_summary(count, count, count, count) == figures
    assert ImportResult(count, count, count, count, count).summary() == done


def test_a_refusal_counts_its_rows_in_agreement():
    assert nothing_imported(1) == "1 ligne en erreur : rien n'a été importé."
    assert nothing_imported(2) == "2 lignes en erreur : rien n'a été importé."
