"""Who may do what on the data-entry page: every role × every action × own / other province.

Denied requests get 403 (or the login page for anonymous visitors) and change no row.
"""

import pytest

from indicators.models import WorkflowStatus
from tests.entry_helpers import client_for, personas, sheet_post, sheet_url, snapshot
from tests.factories import make_measurement

YEAR = 2020
ACTIONS = ["view", "save", "submit", "approve", "return", "reopen"]
ALLOWED = {
    "anonymous": set(),
    "viewer": {"view"},
    "editor": {"view", "save", "submit"},
    "approver": {"view", "approve", "return", "reopen"},
    "admin": set(ACTIONS),
}
# The state a figure must be in for the action to make sense, and the state it ends in.
BEFORE = {
    "save": WorkflowStatus.DRAFT,
    "submit": WorkflowStatus.DRAFT,
    "approve": WorkflowStatus.SUBMITTED,
    "return": WorkflowStatus.SUBMITTED,
    "reopen": WorkflowStatus.APPROVED,
}
AFTER = {
    "save": WorkflowStatus.DRAFT,
    "submit": WorkflowStatus.SUBMITTED,
    "approve": WorkflowStatus.APPROVED,
    "return": WorkflowStatus.RETURNED,
    "reopen": WorkflowStatus.RETURNED,
}


@pytest.fixture
def world(db):
    return personas()


def perform(client, world, action, province):
    url = sheet_url(province, YEAR)
    if action == "view":
        return client.get(url)
    values = {"units-with-lan": {"numerator": "40", "denominator": "50"}} if action in ("save", "submit") else None
    data = sheet_post(province, YEAR, action, values=values, selected=["units-with-lan"], reason="Số liệu chưa khớp")
    return client.post(url, data)


CASES = [(role, action, where) for role in ALLOWED for action in ACTIONS for where in ("own", "other")]


@pytest.mark.parametrize(("role", "action", "where"), CASES)
def test_permission_matrix(world, role, action, where):
    province = world[where]
    if action != "view":
        make_measurement(world["lan"], province, YEAR, 70, status=BEFORE[action], numerator=35, denominator=50)
    allowed = action in ALLOWED[role] and (where == "own" or role == "admin")
    before = snapshot()

    response = perform(client_for(world, role), world, action, province)

    if allowed:
        # a page that is shown, or a save followed by a redirect back to the sheet (post/redirect/get)
        assert response.status_code == (200 if action == "view" else 302), response.content[:500]
        if action != "view":
            figure = province.measurement_set.get()
            assert figure.status == AFTER[action]
    else:
        if role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
        else:
            assert response.status_code == 403
        assert snapshot() == before


def test_the_overview_and_history_pages_are_refused_for_another_province(world):
    make_measurement(world["lan"], world["other"], YEAR, 70, numerator=35, denominator=50)
    client = client_for(world, "editor")
    assert client.get(f"/entry/{world['other'].slug}/").status_code == 403
    assert client.get(f"/entry/{world['other'].slug}/{YEAR}/history/units-with-lan/").status_code == 403
    assert client.get(f"/entry/{world['own'].slug}/").status_code == 200


def test_an_unknown_province_is_404(world):
    assert client_for(world, "admin").get("/entry/khong-co/2020/").status_code == 404
