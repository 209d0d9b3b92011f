"""The work inbox on the demo database: phutho-approver finds the pre-merger Phú Thọ's submitted 2024 figures."""

import pytest
from django.test import Client

from indicators.models import Indicator
from tests.factories import logged_in


@pytest.fixture
def demo_users(demo_db, db):
    from indicators.demo import load_demo_users

    load_demo_users()


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_users")
class TestOnTheDemo:
    def test_the_inbox_lists_the_pre_merger_units_submitted_2024_figures_for_phutho_approver(self):
        from django.contrib.auth import get_user_model

        approver = get_user_model().objects.get(username="phutho-approver")
        response = logged_in(approver).get("/entry/")
        assert response.status_code == 200
        [item] = response.context["to_approve"]
        assert (item.province.slug, item.province.valid_to is not None, item.year) == ("phu-tho", True, 2024)
        submitted = Indicator.objects.filter(measurements__province__slug="phu-tho", measurements__year=2024)
        assert item.count == submitted.distinct().count()
        html = response.content.decode()
        assert "/entry/phu-tho/2024/" in html, "one click from the sheet"

    def test_phutho_approver_lands_on_the_inbox_after_login(self):
        response = Client().post("/accounts/login/", {"username": "phutho-approver", "password": "demo"}, follow=True)
        assert response.redirect_chain[-1][0] == "/entry/"

    def test_the_header_shows_what_waits_on_a_dashboard_page(self):
        from django.contrib.auth import get_user_model

        approver = get_user_model().objects.get(username="phutho-approver")
        html = logged_in(approver).get("/").content.decode()
        count = (
            Indicator.objects.filter(measurements__province__slug="phu-tho", measurements__year=2024).distinct().count()
        )
        assert f'Phê duyệt <span class="count-badge">{count}</span>' in html
        assert "Nhập số liệu" not in html.split("</nav>")[0], "an approver is no editor"
