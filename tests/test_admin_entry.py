"""The admin as an administrator uses it: dates dd/mm/yyyy, Vietnamese slugs, sources by title, links to pages."""

import datetime
import re
from decimal import Decimal

import pytest

from directives.models import Directive
from indicators.models import Indicator, Measurement
from indicators.source_documents import PHU_THO_CONFERENCE_FILE
from provinces.text import vietnamese_slug
from tests.factories import logged_in, make_indicator, make_measurement, make_province, make_user, rebuilt


@pytest.fixture
def admin_client(db):
    return logged_in(make_user("root", superuser=True))


def directive_form(**values):
    data = {
        "kind": Directive.Kind.DIRECTIVE,
        "number": "05-CT/TU",
        "issuer": "Tỉnh ủy Phú Thọ",
        "issued_on": "02/12/2026",
        "title": "Đẩy mạnh chuyển đổi số tỉnh Phú Thọ",
        "slug": "",
        "summary": "",
        "source_file": "",
        "position": "0",
        "tasks-TOTAL_FORMS": "0",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
    }
    data.update(values)
    return data


def test_vietnamese_slugs_drop_diacritics_and_write_d_for_dj():
    assert (
        vietnamese_slug("05-CT/TU đẩy mạnh chuyển đổi số tỉnh Phú Thọ")
        == "05-ct-tu-day-manh-chuyen-doi-so-tinh-phu-tho"
    )
    assert vietnamese_slug("Đảng ủy – Ủy ban") == "dang-uy-uy-ban"


def test_an_admin_adds_a_directive_with_a_dd_mm_yyyy_date_and_gets_a_vietnamese_slug(admin_client):
    response = admin_client.post("/admin/directives/directive/add/", directive_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    directive = Directive.objects.get()
    assert directive.slug == "05-ct-tu-day-manh-chuyen-doi-so-tinh-phu-tho"
    assert directive.issued_on == datetime.date(2026, 12, 2)
    page = admin_client.get(f"/admin/directives/directive/{directive.pk}/change/").content.decode()
    assert 'value="02/12/2026"' in page, "shown back dd/mm/yyyy"


def test_a_slug_taken_by_another_directive_is_refused_with_a_message(admin_client):
    admin_client.post("/admin/directives/directive/add/", directive_form())
    response = admin_client.post("/admin/directives/directive/add/", directive_form())
    assert response.status_code == 200
    assert "đã có văn bản khác dùng" in response.content.decode()


def test_the_admin_names_a_source_by_its_document_title_with_the_file_beneath(admin_client):
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    indicator = make_indicator(code="computers-count", unit=Indicator.Unit.COUNT, source_file=PHU_THO_CONFERENCE_FILE)
    make_measurement(indicator, province, 2010, Decimal(55802), source_file=PHU_THO_CONFERENCE_FILE)
    page = admin_client.get("/admin/indicators/measurement/").content.decode()
    assert "Hội nghị tổng kết 10 năm thực hiện Chỉ thị 58-CT/TW của tỉnh Phú Thọ<br>" in page
    assert PHU_THO_CONFERENCE_FILE in page
    assert Measurement.objects.count() == 1


def test_an_indicators_admin_page_links_to_its_dashboard(admin_client):
    indicator = make_indicator(code="computers-count")
    rebuilt()
    response = admin_client.get(f"/admin/indicators/indicator/{indicator.pk}/change/")
    assert response.status_code == 200
    link = re.search(r'href="([^"]+)" class="viewsitelink"', response.content.decode())
    assert link, "the admin shows “Xem trên trang”"
    assert link.group(1) == "/indicators/computers-count/"
    assert admin_client.get(link.group(1)).status_code == 200
