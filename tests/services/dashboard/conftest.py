import pytest

from tests.dashboard_office import Office, build_office


@pytest.fixture
def office(database) -> Office:
    return build_office(database)
