"""A small world for the API's tests, built once per module: the demo roles on two units of each generation."""

import datetime
from contextlib import contextmanager

from django.db import transaction

from indicators import assessments
from indicators.demo import load_demo_users
from indicators.models import Indicator, WorkflowStatus
from provinces import tokens
from provinces.models import Province
from tests.factories import make_indicator, make_measurement, make_province, make_target

ROLES = ["anonymous", "admin", "phutho-editor", "phutho-approver", "phutho-viewer", "laocai-editor"]
PHUTHO_ROLES = {"admin", "phutho-editor", "phutho-approver", "phutho-viewer"}
THIS_YEAR = datetime.date.today().year


@contextmanager
def rolled_back(django_db_blocker):
    """Data made inside stays for a module's tests and is rolled back after them (as ``demo_db`` does)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def build_world():
    """Phú Thọ and Lào Cai before and after the merger, the demo accounts, three indicators, approved figures.

    The count indicator has a target of 100 in 2025 in each unit and figures 40 (2020) then 76 (2023) in
    Phú Thọ (pace 1: on track), 40 then 46 in Lào Cai (behind); Lào Cai's 2024 figure is a draft.
    """
    phu_tho_now = make_province(name="Tỉnh Phú Thọ", code="25", current=True, slug="phu-tho-2025")
    lao_cai_now = make_province(name="Tỉnh Lào Cai", code="15", current=True, slug="lao-cai-2025")
    phu_tho = make_province(name="Tỉnh Phú Thọ", code="25", slug="phu-tho", successor=phu_tho_now)
    lao_cai = make_province(name="Tỉnh Lào Cai", code="10", slug="lao-cai", successor=lao_cai_now)
    computers = make_indicator(code="computers", unit=Indicator.Unit.COUNT)
    lan = make_indicator(code="units-with-lan")  # a ratio: numerator / denominator
    online = make_indicator(code="services-online", ratio=False)  # a plain percentage
    for province, latest in ((phu_tho, 76), (lao_cai, 46)):
        make_target(computers, 100, 2025, province=province)
        make_measurement(computers, province, 2020, 40)
        make_measurement(computers, province, 2023, latest)
    make_measurement(lan, phu_tho, 2023, 50, numerator=50, denominator=100, is_demo=True)
    make_measurement(computers, lao_cai, 2024, 999, status=WorkflowStatus.DRAFT)
    load_demo_users()
    assessments.rebuild()
    return {
        "phu-tho": phu_tho,
        "lao-cai": lao_cai,
        "phu-tho-2025": phu_tho_now,
        "lao-cai-2025": lao_cai_now,
        "computers": computers,
        "lan": lan,
        "online": online,
    }


def token_for(username, slug):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    return tokens.issue(f"Hệ thống {slug}", Province.objects.get(slug=slug), user)
