"""scripts/push_figures.py pushes a unit's year through the token API; the figures wait in its approvers' inbox."""

import pytest
from django.contrib.auth import get_user_model

from entry import inbox
from scripts import push_figures
from tests.api_helpers import build_world, token_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_script_pushes_a_year_and_the_figures_wait_for_approval(live_server, tmp_path, capsys):
    build_world()
    _token, text = token_for("phutho-editor", "phu-tho")
    figures = tmp_path / "figures.csv"
    figures.write_text(
        "\ufeffindicator,value,numerator,denominator,source,note\n"
        "computers,80,,,Sở KH&CN,\n"
        "units-with-lan,,45,100,Sở KH&CN,\n"
        'services-online,"62,5",,,Sở KH&CN,điều tra\n',
        encoding="utf-8",
    )
    args = ["--url", live_server.url, "--unit", "phu-tho", "--year", "2024", "--token", text, str(figures)]
    assert push_figures.main(args) == 0
    assert "3 saved, 3 submitted for approval" in capsys.readouterr().out
    approver = get_user_model().objects.get(username="phutho-approver")
    waiting = inbox.build(approver).of_kind(inbox.APPROVE)
    assert [(item.province.slug, item.year, item.count) for item in waiting] == [("phu-tho", 2024, 3)]

    assert push_figures.main(args) == 0, "run again: nothing changes"
    assert "0 saved, 0 submitted" in capsys.readouterr().out
    figures.write_text("indicator,value\ncomputers,-5\n", encoding="utf-8")
    assert push_figures.main(args) == 1
    assert "Giá trị không được âm." in capsys.readouterr().out
