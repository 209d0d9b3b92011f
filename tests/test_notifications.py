"""E-mails: each sent once, to the right people and no one else, in the recipient's language, after the commit."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from indicators.models import Indicator, WorkflowStatus
from provinces.models import Membership, Preference
from tests.entry_helpers import sheet_post, sheet_url
from tests.factories import logged_in, make_indicator, make_measurement, make_province, make_user

YEAR = 2020


def with_email(user, language=None, receive=True):
    user.email = f"{user.username}@example.gov.vn"
    user.save()
    if language or not receive:
        Preference.objects.create(user=user, language=language or "vi", receive_emails=receive)
    return user


@pytest.fixture
def world(db):
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    elsewhere = make_province(name="Tỉnh Lào Cai", slug="lao-cai")
    computers = make_indicator(code="computers", unit=Indicator.Unit.COUNT)
    return {
        "province": province,
        "elsewhere": elsewhere,
        "computers": computers,
        "editor": with_email(make_user("editor", Membership.Role.EDITOR, [province])),
        "approver": with_email(make_user("approver", Membership.Role.APPROVER, [province]), language="en"),
        "quiet": with_email(make_user("quiet", Membership.Role.APPROVER, [province]), receive=False),
        "other_approver": with_email(make_user("other", Membership.Role.APPROVER, [elsewhere])),
        "admin": with_email(make_user("admin", superuser=True)),
    }


def act(world, user, action, capture, values=None, **extra):
    data = sheet_post(world["province"], YEAR, action, values=values, **extra)
    with capture(execute=True):
        response = logged_in(world[user]).post(sheet_url(world["province"], YEAR), data)
    assert response.status_code == 302
    return response


def test_submitting_tells_the_units_approvers_once_in_their_language(world, django_capture_on_commit_callbacks):
    act(world, "editor", "submit", django_capture_on_commit_callbacks, {"computers": {"value": "1.520"}})
    assert [m.to for m in mail.outbox] == [["approver@example.gov.vn"]], "not the quiet one, not Lào Cai, not admin"
    [email] = mail.outbox
    assert email.subject == "[Tỉnh Phú Thọ 2020] 1 figures await approval"
    assert f"{settings.SITE_URL}/entry/phu-tho/2020/" in email.body
    assert "Lào Cai" not in email.body


def test_returning_tells_the_editors_the_reason_in_vietnamese(world, django_capture_on_commit_callbacks):
    make_measurement(world["computers"], world["province"], YEAR, 5, status=WorkflowStatus.SUBMITTED)
    act(world, "approver", "return", django_capture_on_commit_callbacks, selected=["computers"], reason="Thiếu nguồn")
    [email] = mail.outbox
    assert email.to == ["editor@example.gov.vn"]
    assert email.subject == "[Tỉnh Phú Thọ 2020] 1 số liệu bị trả lại"
    assert "Lý do: Thiếu nguồn" in email.body


def test_approving_tells_the_editors(world, django_capture_on_commit_callbacks):
    make_measurement(world["computers"], world["province"], YEAR, 5, status=WorkflowStatus.SUBMITTED)
    act(world, "approver", "approve", django_capture_on_commit_callbacks, selected=["computers"])
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["editor@example.gov.vn"], "[Tỉnh Phú Thọ 2020] 1 số liệu đã được phê duyệt")
    ]


def test_a_save_without_submitting_tells_nobody(world, django_capture_on_commit_callbacks):
    act(world, "editor", "save", django_capture_on_commit_callbacks, {"computers": {"value": "7"}})
    assert mail.outbox == []


def test_a_user_switches_emails_off_on_their_preferences_page(world, django_capture_on_commit_callbacks):
    client = logged_in(world["approver"])
    assert client.get("/entry/preferences/").status_code == 200
    assert client.post("/entry/preferences/", {"language": "vi"}).status_code == 302
    assert not Preference.objects.get(user=world["approver"]).receive_emails
    act(world, "editor", "submit", django_capture_on_commit_callbacks, {"computers": {"value": "7"}})
    assert mail.outbox == []


def test_the_preferences_page_needs_a_login(world):
    response = logged_in().get("/entry/preferences/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_reminders_on_a_fixed_date_name_what_is_missing_and_what_waited_and_nothing_else(world):
    now_unit = make_province(name="Tỉnh Phú Thọ mới", slug="phu-tho-moi", current=True)
    Membership.objects.create(user=world["editor"], province=now_unit, role=Membership.Role.EDITOR)
    Membership.objects.create(user=world["approver"], province=now_unit, role=Membership.Role.APPROVER)
    online = make_indicator(code="services-online", name_vi="Dịch vụ công trực tuyến", name_en="Online services")
    make_measurement(world["computers"], now_unit, 2026, 5, status=WorkflowStatus.DRAFT)
    waiting = make_measurement(online, world["province"], 2024, 5, status=WorkflowStatus.SUBMITTED)
    make_measurement(world["computers"], world["elsewhere"], 2024, 5, status=WorkflowStatus.SUBMITTED)
    from indicators.models import Measurement

    Measurement.objects.filter(pk=waiting.pk).update(updated_at=datetime.datetime(2026, 11, 20, tzinfo=datetime.UTC))
    call_command("send_reminders", date="02/12/2026", days=7, verbosity=0)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"editor@example.gov.vn", "approver@example.gov.vn"}
    editor = by_recipient["editor@example.gov.vn"]
    assert "Tỉnh Phú Thọ mới, năm 2026: còn 2 số liệu, hạn 31/01/2027" in editor.body
    assert "· Dịch vụ công trực tuyến" in editor.body, "the figure not entered is named"
    approver = by_recipient["approver@example.gov.vn"]
    assert "Tỉnh Phú Thọ, 2024: 1 figures, submitted since 20/11/2026" in approver.body, "in English, as chosen"
    for email in mail.outbox:
        assert "Lào Cai" not in email.body

    mail.outbox.clear()
    call_command("send_reminders", date="02/12/2026", days=30, verbosity=0)
    assert [m.to for m in mail.outbox] == [["editor@example.gov.vn"]], "nothing waited 30 days"
    mail.outbox.clear()
    call_command("send_reminders", date="01/02/2027", days=30, verbosity=0)
    reminded = {m.to[0]: m.body for m in mail.outbox}
    assert set(reminded) == {"approver@example.gov.vn", "other@example.gov.vn"}, "past the deadline; 2027 is far off"
    assert "Lào Cai" in reminded["other@example.gov.vn"] and "Phú Thọ" not in reminded["other@example.gov.vn"]
    mail.outbox.clear()
    call_command("send_reminders", date="01/10/2026", days=30, verbosity=0)
    assert mail.outbox == [], "four months before the deadline nobody is reminded yet"
