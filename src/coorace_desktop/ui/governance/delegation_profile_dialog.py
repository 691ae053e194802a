"""The delegation's profile in one place: name, summary, its sites and its missions (the report prints them)."""

from html import escape

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from coorace_desktop.domain.governance_drafts import DelegationProfile, DelegationSiteInfo, validate_profile
from coorace_desktop.services.governance.composition import save_delegation_profile
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.widgets.app_state import Area
from coorace_desktop.ui.widgets.dates import OptionalDate
from coorace_desktop.ui.widgets.form_dialog import FormDialog
from coorace_desktop.ui.widgets.shortcuts import give_shortcut

MISSION_ROWS = 5


WIDE = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)


class SiteRow:
    """One site's fields; its id is kept so staff stay attached to the same site."""

    def __init__(self, site: DelegationSiteInfo | None) -> None:
        self.site_id = site.id if site else None
        self.name_edit = QLineEdit(site.name if site else "", placeholderText="Nom du site")
        self.address_edit = QLineEdit(site.address if site else "", placeholderText="Adresse")
        self.postcode_edit = QLineEdit(site.postcode if site else "", placeholderText="Code postal", maxLength=5)
        self.postcode_edit.setFixedWidth(90)
        self.city_edit = QLineEdit(site.city if site else "", placeholderText="Ville")
        self.opened_date = OptionalDate("ouvert le", site.opened_on if site else None)

    def is_empty(self) -> bool:
        return self.site_id is None and not any(
            edit.text().strip() for edit in (self.name_edit, self.address_edit, self.postcode_edit, self.city_edit)
        )

    def value(self) -> DelegationSiteInfo:
        return DelegationSiteInfo(
            self.site_id,
            self.name_edit.text(),
            self.address_edit.text(),
            self.postcode_edit.text(),
            self.city_edit.text(),
            self.opened_date.value(),
        )

    def remove(self) -> None:
        """A removed site becomes a blank new row; saving deletes it (refused while staff work there)."""
        self.site_id = None
        for edit in (self.name_edit, self.address_edit, self.postcode_edit, self.city_edit):
            edit.clear()
        self.opened_date.set_value(None)


class DelegationProfileDialog(FormDialog):

    announces = frozenset({Area.GOVERNANCE})
    def __init__(self, database: Database, profile: DelegationProfile, parent: QWidget | None = None) -> None:
        super().__init__("Profil de la délégation", parent)
        self.database = database
        self.resize(820, 520)
        self.name_edit = self.add_field("name", "Nom", QLineEdit(profile.name))
        self.summary_edit = self.add_field("summary", "Présentation", QPlainTextEdit(profile.summary))
        self.summary_edit.setFixedHeight(70)

        self.sites_box = QGroupBox("Sites")
        self.sites_form = QFormLayout(self.sites_box)
        self.site_rows: list[SiteRow] = []
        for site in profile.sites or [None]:
            self.add_site(site)
        self.add_site_button = QPushButton("Ajouter un site")
        self.add_site_button.setAutoDefault(False)
        self.add_site_button.clicked.connect(lambda: self.add_site(None))
        give_shortcut(self.add_site_button, "Ctrl+Shift+S", self)
        self.body.addWidget(self.sites_box)
        add_line = QHBoxLayout()
        add_line.addWidget(self.add_site_button)
        add_line.addStretch(1)
        self.body.addLayout(add_line)

        missions_box = QGroupBox("Missions (dans l'ordre du rapport)")
        self.missions_form = QFormLayout(missions_box)
        self.mission_rows: list[tuple[QLineEdit, QLineEdit]] = []
        missions = list(profile.missions) + [("", "")] * max(0, MISSION_ROWS - len(profile.missions))
        for number, (title, text) in enumerate(missions):
            title_edit = QLineEdit(title, placeholderText="Verbe (Représenter…)")
            title_edit.setFixedWidth(160)
            text_edit = QLineEdit(text, placeholderText="les intérêts de ses adhérents…")
            line = QWidget(sizePolicy=WIDE)  # the whole width: names and texts shown whole
            grid = QGridLayout(line)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.addWidget(title_edit, 0, 0)
            grid.addWidget(text_edit, 0, 1)
            self.add_field(f"missions.{number}.title", f"{number + 1}.", line, form=self.missions_form)
            self.watch(title_edit, f"missions.{number}.title")
            self.watch(text_edit, f"missions.{number}.title")
            self.mission_rows.append((title_edit, text_edit))
        self.body.addWidget(missions_box)
        self.body.addStretch(1)  # spare height below the form, not inside its fields

    def add_site(self, site: DelegationSiteInfo | None) -> SiteRow:
        row = SiteRow(site)
        number = len(self.site_rows)
        self.site_rows.append(row)
        remove_button = QPushButton("Retirer")
        remove_button.setAutoDefault(False)
        remove_button.clicked.connect(row.remove)
        line = QWidget(sizePolicy=WIDE)  # the whole width: names and texts shown whole
        grid = QGridLayout(line)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(row.name_edit, 0, 0)
        grid.addWidget(row.address_edit, 0, 1, 1, 2)
        grid.addWidget(remove_button, 0, 3)
        grid.addWidget(row.postcode_edit, 1, 0)
        grid.addWidget(row.city_edit, 1, 1)
        grid.addWidget(row.opened_date, 1, 2, 1, 2)
        self.add_field(f"sites.{number}", f"{number + 1}.", line, form=self.sites_form)
        for edit in (row.name_edit, row.postcode_edit, row.address_edit, row.city_edit):
            self.watch(edit, f"sites.{number}")
        return row

    def values(self) -> DelegationProfile:
        self._row_of_site = [number for number, row in enumerate(self.site_rows) if not row.is_empty()]
        return DelegationProfile(
            self.name_edit.text(),
            self.summary_edit.toPlainText(),
            [self.site_rows[number].value() for number in self._row_of_site],
            [(title.text(), text.text()) for title, text in self.mission_rows],
        )

    def validate(self, draft: DelegationProfile) -> dict[str, str]:
        """The domain's errors; a site's errors show under its row (blank rows are skipped)."""
        errors: dict[str, str] = {}
        for key, message in validate_profile(draft).items():
            if key.startswith("sites."):
                key = f"sites.{self._row_of_site[int(key.split('.')[1])]}"
            errors.setdefault(key, message)
        return errors

    def save(self, draft: DelegationProfile) -> None:
        save_delegation_profile(self.database, draft)


def _where(site: DelegationSiteInfo) -> str:
    """The address, without repeating a city the site is named after."""
    city = site.city if site.city.casefold() not in site.name.casefold() else ""
    return " ".join(part for part in (site.address, site.postcode, city) if part)


def profile_html(profile: DelegationProfile) -> str:
    """The profile as the Governance tab shows it (escaped: these are user texts)."""
    sites = "".join(
        f"<li><b>{escape(site.name)}</b> {escape(_where(site))}"
        + (f" (ouvert le {site.opened_on:%d/%m/%Y})" if site.opened_on else "")
        + "</li>"
        for site in profile.sites
    )
    missions = "".join(f"<li><b>{escape(title.upper())}</b> {escape(text)}</li>" for title, text in profile.missions)
    return (
        f"<h2>{escape(profile.name) or 'Délégation sans nom'}</h2><p>{escape(profile.summary)}</p>"
        f"<h3>Sites</h3><ul>{sites or '<li>Aucun site enregistré.</li>'}</ul>"
        f"<h3>Missions</h3><ol>{missions or '<li>Aucune mission enregistrée.</li>'}</ol>"
    )
