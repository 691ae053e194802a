from enum import Enum

from coorace_desktop.domain.enums import ActionOutcome, EventStatus, LabelledEnum
from tests.package import defined_classes

# Enums used as keys in the code and never shown to users, so without labels.
UNLABELLED = {"Area", "Basis", "WelcomeChoice"}


def test_every_member_of_every_enum_has_its_own_label():
    enums = [cls for cls in defined_classes(Enum) if cls is not LabelledEnum]
    assert len(enums) > 15
    for enum in enums:
        if enum.__name__ in UNLABELLED:
            continue
        assert issubclass(enum, LabelledEnum), f"{enum.__qualname__} n'a pas de libellés"
        labels = [member.label for member in enum]
        assert all(isinstance(label, str) and label.strip() for label in labels), enum
        assert len(set(labels)) == len(labels), f"{enum.__qualname__}: deux membres ont le même libellé"
        assert all("label" in vars(member) for member in enum), f"{enum.__qualname__}: libellé emprunté"


def test_members_with_equal_values_keep_their_labels():
    assert ActionOutcome.DONE == EventStatus.DONE  # both "done": the collision a shared dict had
    assert ActionOutcome.DONE.label == "Terminé"
    assert EventStatus.DONE.label == "Réalisé"
    assert ActionOutcome("done") is ActionOutcome.DONE
