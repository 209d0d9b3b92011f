"""A figure's thread: editor and approver discuss one figure beside its row and in its history; a return's
reason starts it; who may read and write it (every role × own / other province)."""

import io

import pytest
from openpyxl import load_workbook

from entry.template import TEMPLATE_HEADER_ROW, TEMPLATE_KEYS
from indicators.models import Comment, WorkflowStatus
from tests.entry_helpers import client_for, personas, sheet_post, sheet_url
from tests.factories import make_measurement

YEAR = 2020
ROLES = ["anonymous", "viewer", "editor", "approver", "admin"]
MAY_WRITE = {"editor", "approver", "admin"}
MAY_READ = {"viewer", "editor", "approver", "admin"}


@pytest.fixture
def world(db):
    return personas()


def comment_url(province):
    return f"/entry/{province.slug}/{YEAR}/comments/units-with-lan/"


@pytest.mark.parametrize(("role", "where"), [(role, where) for role in ROLES for where in ("own", "other")])
def test_comment_permission_matrix(world, role, where):
    province = world[where]
    response = client_for(world, role).post(comment_url(province), {"text": "Số này lấy từ đâu?"})
    allowed = role in MAY_WRITE and (where == "own" or role == "admin")
    if allowed:
        assert response.status_code == 302 and response["Location"].endswith("#row-units-with-lan")
        assert Comment.objects.get().text == "Số này lấy từ đâu?"
    else:
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], "anonymous visitors are sent to log in"
        assert not Comment.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_thread_is_shown_beside_the_row_to_those_who_see_the_sheet(world, role):
    Comment.objects.create(
        province=world["own"], indicator=world["lan"], year=YEAR, author=world["users"]["editor"], text="<b>Chờ</b>"
    )
    response = client_for(world, role).get(sheet_url(world["own"], YEAR))
    if role not in MAY_READ:
        assert response.status_code == 302
        return
    html = response.content.decode()
    assert "&lt;b&gt;Chờ&lt;/b&gt;" in html and "<b>Chờ</b>" not in html, "escaped"
    assert ('form="comment-units-with-lan"' in html) is (role in MAY_WRITE), "only those who may write see the box"


def test_a_comment_needs_text_and_a_comment_url_takes_only_post(world):
    client = client_for(world, "editor")
    response = client.post(comment_url(world["own"]), {"text": "   "}, follow=True)
    assert "Hãy viết nội dung trao đổi." in response.content.decode()
    assert client.get(comment_url(world["own"])).status_code == 405
    assert not Comment.objects.exists()


def test_returning_with_a_reason_starts_the_thread_and_the_editor_answers_in_it(world):
    make_measurement(
        world["lan"], world["own"], YEAR, 70, status=WorkflowStatus.SUBMITTED, numerator=35, denominator=50
    )
    data = sheet_post(world["own"], YEAR, "return", selected=["units-with-lan"], reason="Mẫu số khác năm trước")
    assert client_for(world, "approver").post(sheet_url(world["own"], YEAR), data).status_code == 302
    client_for(world, "editor").post(comment_url(world["own"]), {"text": "Đã kiểm tra: năm nay thêm 5 đơn vị."})

    thread = list(Comment.objects.values_list("author__username", "text"))
    assert thread == [("approver", "Mẫu số khác năm trước"), ("editor", "Đã kiểm tra: năm nay thêm 5 đơn vị.")]
    history = client_for(world, "approver").get(f"/entry/phu-tho/{YEAR}/history/units-with-lan/").content.decode()
    assert "Trao đổi" in history and "Đã kiểm tra: năm nay thêm 5 đơn vị." in history
    sheet = client_for(world, "approver").get(sheet_url(world["own"], YEAR)).content.decode()
    assert "Trao đổi (2)" in sheet


def test_each_row_says_when_and_by_whom_it_was_last_changed(world):
    editor = world["users"]["editor"]
    editor.first_name = "Nguyễn Thị Bình"
    editor.save()
    data = sheet_post(world["own"], YEAR, "save", values={"units-with-lan": {"numerator": "3", "denominator": "4"}})
    client_for(world, "editor").post(sheet_url(world["own"], YEAR), data)
    html = client_for(world, "approver").get(sheet_url(world["own"], YEAR)).content.decode()
    assert "bởi Nguyễn Thị Bình" in html


def test_the_import_template_carries_the_return_reason_and_the_number_of_comments(world):
    submitted = WorkflowStatus.SUBMITTED
    make_measurement(world["lan"], world["own"], YEAR, 70, status=submitted, numerator=35, denominator=50)
    data = sheet_post(world["own"], YEAR, "return", selected=["units-with-lan"], reason="=Mẫu số khác")
    client_for(world, "approver").post(sheet_url(world["own"], YEAR), data)
    client_for(world, "editor").post(comment_url(world["own"]), {"text": "Đã rõ"})

    response = client_for(world, "editor").get(f"/entry/phu-tho/{YEAR}/template.xlsx")
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["So lieu"]
    row = next(ws.iter_rows(min_row=TEMPLATE_HEADER_ROW + 1, max_row=TEMPLATE_HEADER_ROW + 1))
    cells = dict(zip(TEMPLATE_KEYS, row, strict=False))
    assert (cells["return_reason"].value, cells["return_reason"].data_type) == ("=Mẫu số khác", "s"), "text, no formula"
    assert cells["comments"].value == 2
