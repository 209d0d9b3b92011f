"""English mode: with EN chosen in the header, the pages, the admin and the Excel exports read in English.

Titles, issuers, notes, subjects, units and ratio labels kept in both languages go through one helper
(``provinces.text.local_text``): the English text when there is one, else the Vietnamese marked "(VI)".
The demo database holds the real documents (with the English written for them) and the demo targets.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from directives.models import Directive, Task
from indicators.demo import DEMO_TARGET_NOTE, DEMO_TARGET_NOTE_EN
from indicators.models import Indicator
from provinces.text import LocalText, local_text
from tests.excel_helpers import workbook_of
from tests.factories import make_directive

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]

LAO_CAI_TITLE_VI = "Đẩy mạnh và phát triển ứng dụng công nghệ thông tin trên địa bàn tỉnh Lào Cai"
LAO_CAI_TITLE_EN = "Promoting and developing the application of information technology in Lào Cai province"
TASK_VI = "Lãnh đạo, chỉ đạo và tuyên truyền"
TASK_EN = "Leadership, direction and communication"
DECISION_749_VI = "Phê duyệt Chương trình Chuyển đổi số quốc gia"
DECISION_749_EN = "Approving the National Digital Transformation Programme to 2025"
UNIT_VI = "máy/100 dân"
UNIT_EN = "computers per 100 inhabitants"
NOTE_749_VI = "Quyết định 749/QĐ-TTg, mục tiêu đến năm 2025"
NOTE_749_EN = "Decision 749/QĐ-TTg, target for 2025"
MARKER = '<abbr class="lang-fallback"'


def english_client(superuser=True):
    user = get_user_model().objects.create_user("reader", password="x", is_superuser=superuser, is_staff=superuser)
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Content-Language"] == "en"
    return response.content.decode()


def test_the_overview_names_indicators_units_and_directives_in_english():
    html = page(english_client(), "/")
    assert "Computers per 100 inhabitants" in html
    assert UNIT_EN in html
    assert UNIT_VI not in html
    assert re.search(r"\d máy\b", html) is None, "a count's unit stays Vietnamese"
    # the directive filter names each directive by its number and issuer
    assert "Prime Minister" in html and "Thủ tướng Chính phủ" not in html
    assert "Bộ Chính trị" not in html


def test_a_province_page_gives_target_notes_and_directive_titles_in_english():
    html = page(english_client(), "/provinces/phu-tho/")
    assert NOTE_749_EN in html
    assert NOTE_749_VI not in html
    assert DECISION_749_EN in html
    assert DECISION_749_VI not in html
    assert DEMO_TARGET_NOTE not in html


def test_an_indicator_page_gives_its_unit_ratio_labels_and_definition_in_english():
    html = page(english_client(), "/indicators/computers-per-100/")
    assert UNIT_EN in html and UNIT_VI not in html
    assert "Number of computers / Population" in html
    assert "Số máy tính" not in html
    indicator = Indicator.objects.get(code="computers-per-100")
    assert indicator.description_en in html and indicator.description not in html


def test_a_directive_page_gives_its_title_issuer_and_task_titles_in_english_and_marks_the_vietnamese_only_texts():
    html = page(english_client(), "/directives/24-ct-tu-lao-cai/")
    assert LAO_CAI_TITLE_EN in html and LAO_CAI_TITLE_VI not in html
    assert TASK_EN in html and TASK_VI not in html
    assert "Lào Cai Provincial Party Committee" in html and "Tỉnh ủy Lào Cai" not in html
    # our summary and the tasks' own wording exist in Vietnamese only: shown so, marked
    directive = Directive.objects.get(slug="24-ct-tu-lao-cai")
    assert f'<span lang="vi">{directive.summary}</span> {MARKER}' in html
    assert html.count(MARKER) >= 1 + directive.tasks.count()


def test_the_admin_lists_demo_targets_and_directives_in_english():
    client = english_client()
    html = page(client, "/admin/indicators/target/?is_demo__exact=1")
    assert "Select target to change" in html
    assert DEMO_TARGET_NOTE_EN in html and DEMO_TARGET_NOTE not in html
    html = page(client, "/admin/directives/directive/")
    assert LAO_CAI_TITLE_EN in html and LAO_CAI_TITLE_VI not in html
    html = page(client, "/admin/directives/task/")
    assert TASK_EN in html and TASK_VI not in html


def test_a_text_with_no_english_shows_in_vietnamese_with_the_marker_everywhere():
    directive = make_directive(title="Chỉ thị chưa dịch về chuyển đổi số", tasks=0)
    Task.objects.create(directive=directive, number="1", title="Nhiệm vụ chưa dịch", text="Nội dung", position=1)
    client = english_client()
    detail = page(client, directive.get_absolute_url())
    assert f'<span lang="vi">Chỉ thị chưa dịch về chuyển đổi số</span> {MARKER}' in detail
    assert f'<span lang="vi">Nhiệm vụ chưa dịch</span> {MARKER}' in detail
    assert f'<span lang="vi">Chỉ thị chưa dịch về chuyển đổi số</span> {MARKER}' in page(client, "/directives/")
    # the admin's list and the exports, as plain text, carry the marker after the text
    assert "Chỉ thị chưa dịch về chuyển đổi số (VI)" in page(client, "/admin/directives/directive/")
    # the same page in Vietnamese: no marker
    client.cookies["django_language"] = "vi"
    vietnamese = client.get(directive.get_absolute_url()).content.decode()
    assert "Chỉ thị chưa dịch về chuyển đổi số" in vietnamese and "lang-fallback" not in vietnamese


def test_local_text_chooses_the_language_and_marks_the_fallback():
    with translation.override("vi"):
        assert local_text("Tỉnh ủy", "Provincial Party Committee") == "Tỉnh ủy"
    with translation.override("en"):
        english = local_text("Tỉnh ủy", "Provincial Party Committee")
        fallback = local_text("Tỉnh ủy", "")
        assert english == "Provincial Party Committee" and not english.fallback
        assert fallback == "Tỉnh ủy (VI)" and fallback.original == "Tỉnh ủy"
        assert 'lang="vi"' in fallback.__html__() and "(VI)" in fallback.__html__()
        assert "<script>" not in LocalText("<script>", fallback=True).__html__()
        assert local_text("", "") == ""


def test_the_english_excel_export_of_a_table_has_the_english_headers_and_title():
    client = english_client()
    html = page(client, "/directives/24-ct-tu-lao-cai/?province=lao-cai")
    assert "Download Excel" in html
    ws = workbook_of(client.get("/directives/24-ct-tu-lao-cai/?province=lao-cai&format=xlsx")).active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    text = "\n".join(cells)
    assert "tasks, indicators and status" in cells[0], cells[:3]
    assert TASK_EN in text and TASK_VI not in text
    assert "Indicator" in cells and "Chỉ số" not in cells

    ws = workbook_of(client.get("/indicators/computers-per-100/?format=xlsx")).active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells[0].startswith("Computers per 100 inhabitants: "), cells[0]
    assert "Province/city" in cells or "Province" in " ".join(cells[:40]), cells[:40]
    assert not any(UNIT_VI in c for c in cells)


def test_the_loader_fills_english_texts_a_row_lacks_without_touching_its_edited_vietnamese(capsys):
    from django.core.management import call_command

    directive = Directive.objects.get(slug="24-ct-tu-lao-cai")
    Directive.objects.filter(pk=directive.pk).update(title="Tiêu đề sửa trong admin", title_en="", issuer_en="")
    call_command("load_documents", reload=True)
    directive.refresh_from_db()
    assert directive.title == "Tiêu đề sửa trong admin"  # an edit is kept
    assert directive.title_en == LAO_CAI_TITLE_EN  # the missing translation is filled
    assert directive.issuer_en == "Lào Cai Provincial Party Committee"
    assert "kept as edited here" in capsys.readouterr().out
