"""The yearly summary: actions vs distinct beneficiaries vs hours, lines, officers; the 2020 demo figures."""

from datetime import date

from coorace_desktop.domain.accompaniment_rules import ActionDraft
from coorace_desktop.domain.enums import ActionKind, TerritoryStage
from coorace_desktop.services.accompaniment import programme_summary, stage_counts_text, territory_stage_counts
from coorace_desktop.services.accompaniment.actions import create_action
from coorace_desktop.services.accompaniment.actions_list import action_totals
from coorace_desktop.services.listing import ListQuery

REPORT_2020 = {
    "Zest'": ["6 structures formées à la démarche Zest'"],
    "CEDRE ISO 9001": ["12 structures certifiées CEDRE ISO 9001 (dont Coorace Occitanie)"],
    "Évaluation CAP": ["2 accompagnements à l'évaluation CAP", "3 suivis de l'évaluation CAP"],
    "Qualité de vie au travail (QVT)": [
        "7 SIAE sensibilisées à la qualité de vie au travail",
        "4 autodiagnostics QVT réalisés",
    ],
    "Lutte contre les discriminations": ["5 SIAE formées à la lutte contre les discriminations"],
    "Analyse économique et financière": ["4 structures accompagnées à l'analyse économique et financière"],
    "Fonds de développement de l'inclusion": [
        "26 structures accompagnées sur leurs projets de développement et de transformation"
    ],
    "Conseil aux porteurs de projet": ["12 porteurs de projet conseillés"],
}


def test_the_2020_demo_reproduces_the_report(demo_database):
    summaries = programme_summary(demo_database, 2020)
    assert {s.programme: [line.text for line in s.lines] for s in summaries} == REPORT_2020
    by_name = {s.programme: s for s in summaries}
    assert by_name["Fonds de développement de l'inclusion"].beneficiaries == 26
    assert by_name["Évaluation CAP"].actions == 2 and by_name["Évaluation CAP"].beneficiaries == 5
    assert by_name["Zest'"].by_officer[0].officer == "Non renseigné"
    assert programme_summary(demo_database, 2019) == []


def test_tzcld_counts_at_the_end_of_2020(demo_database):
    counts = territory_stage_counts(demo_database, date(2020, 12, 31))
    assert counts == {TerritoryStage.INTERESTED: 23, TerritoryStage.EMERGING: 13, TerritoryStage.AUTHORISED: 0}
    assert stage_counts_text(counts, date(2020, 12, 31)) == (
        "Au 31 décembre 2020 : 13 projets émergents et 23 territoires intéressés"
    )
    assert sum(territory_stage_counts(demo_database, date(2020, 12, 30)).values()) == 0


def test_actions_beneficiaries_and_hours_are_counted_differently(database, log):
    herisson, aje = log.organisation("HERISSON BELLOR"), log.organisation("AJE")
    for beneficiary, hours in ((herisson, 2.5), (herisson, 1.5), (aje, 3)):
        create_action(database, log.draft("Zest'", ActionKind.TRAINING, beneficiary, hours=hours))
    create_action(database, log.draft("Zest'", ActionKind.INDIVIDUAL_SUPPORT, herisson, hours=1, officer_id=log.officers["ROUMEAU"]))
    create_action(database, log.draft("Zest'", ActionKind.ADVICE, log.holder("Ferme de Lézat"), hours=2))
    create_action(database, log.draft("Zest'", ActionKind.TRAINING, None, group_count=4, group_label="salariés formés"))
    create_action(database, log.draft("CEDRE ISO 9001", ActionKind.AUDIT, aje, hours=7))
    create_action(database, log.draft("Zest'", ActionKind.TRAINING, aje, action_date=date(2023, 12, 31), hours=100))

    [zest, cedre] = programme_summary(database, 2024)
    assert (zest.programme, zest.actions, zest.hours) == ("Zest'", 6, 10.0)
    # two organisations, one project holder, and a group of four
    assert (zest.beneficiaries, zest.organisations) == (7, 2)
    assert [line.text for line in zest.lines] == [
        "2 structures accompagnées (Formation)",
        "1 structure accompagnée (Accompagnement individuel)",
        "1 porteur de projet accompagné (Conseil)",
        "4 salariés formés",
    ]
    assert [(o.officer, o.actions, o.beneficiaries, o.hours) for o in zest.by_officer] == [
        ("Steve ROUMEAU", 1, 1, 1.0),
        ("Rosana VERA", 5, 7, 9.0),
    ]
    assert (cedre.actions, cedre.beneficiaries, cedre.organisations, cedre.hours) == (1, 1, 1, 7.0)

    totals = action_totals(database, ListQuery(filters={"year": 2024}))
    assert (totals.actions, totals.beneficiaries, totals.hours) == (7, 7, 17.0)
    assert action_totals(database, ListQuery()).hours == 117.0


def test_group_counts_of_the_same_label_add_up(database, log):
    for size in (2, 3):
        create_action(database, ActionDraft(
            action_date=date(2024, 5, 1), officer_id=log.officers["VERA"], programme_id=log.programmes["TZCLD"],
            kind=ActionKind.TRAINING, group_count=size, group_label="équipes projet formées",
        ))
    [summary] = programme_summary(database, 2024)
    assert [(line.count, line.text) for line in summary.lines] == [(5, "5 équipes projet formées")]
    assert (summary.actions, summary.beneficiaries, summary.organisations) == (2, 5, 0)
