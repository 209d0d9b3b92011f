"""What the five source documents say, and the national 2025 targets, as plain data for ``manage.py load_documents``.

Every record names the file it comes from (``source_file``). The files themselves live outside
the product (``shared/seeds``) and are never read at runtime: the texts of the tasks are carried
here verbatim, with the documents' own spelling, typos included, because they are quotations.
Everything that is not a quotation (short task titles, English names, descriptions, notes on how a
year or a date was worked out) is ours and says so where it matters.

Nothing here is invented: where a document does not state a number, a date or a baseline, the
field is left empty.

The national digital-transformation targets for 2025 (Decisions 749/QĐ-TTg and 942/QĐ-TTg,
``../shared/reference/DOMAIN.md`` §7.1–7.2) were read on public pages that summarise the
decisions, not in the decisions' own text: their records name the decision (``directive``) and,
in ``source_file``, the page they were read from (``NATIONAL_PAGES``).
"""

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal

from provinces.text import local_text

# The five documents, in the order of their file names.
THAI_NGUYEN_DIRECTIVE_FILE = "000_c04d7afc2cbd701b.txt"
LAO_CAI_DIRECTIVE_FILE = "001_412c59111b9abc0d.txt"
THAI_NGUYEN_MEETING_FILE = "002_387284be3d68acbd.txt"
PHU_THO_CONFERENCE_FILE = "003_2837fb37661d5dab.txt"
BINH_THUAN_NOTICE_FILE = "004_187d89d5fd96c301.txt"

SOURCE_FILES = (
    THAI_NGUYEN_DIRECTIVE_FILE,
    LAO_CAI_DIRECTIVE_FILE,
    THAI_NGUYEN_MEETING_FILE,
    PHU_THO_CONFERENCE_FILE,
    BINH_THUAN_NOTICE_FILE,
)

# How a page names each document (its file name says nothing to a reader).
SOURCE_TITLES = {
    THAI_NGUYEN_DIRECTIVE_FILE: "Chỉ thị của Ban Thường vụ Tỉnh ủy Thái Nguyên tiếp tục thực hiện Chỉ thị 58-CT/TW",
    LAO_CAI_DIRECTIVE_FILE: "Chỉ thị 24-CT/TU (02/08/2012) của Tỉnh ủy Lào Cai về ứng dụng và phát triển CNTT",
    THAI_NGUYEN_MEETING_FILE: "Phiên họp Ban Chỉ đạo ứng dụng CNTT tỉnh Thái Nguyên (11/09/2014)",
    PHU_THO_CONFERENCE_FILE: "Hội nghị tổng kết 10 năm thực hiện Chỉ thị 58-CT/TW của tỉnh Phú Thọ",
    BINH_THUAN_NOTICE_FILE: "Thông báo kết luận của Ban Thường vụ Tỉnh ủy Bình Thuận (22/04/2008)",
}


# Our English for those titles (the documents are in Vietnamese only).
SOURCE_TITLES_EN = {
    THAI_NGUYEN_DIRECTIVE_FILE: "Directive of the Standing Board of the Thái Nguyên Provincial Party Committee "
    "continuing Directive 58-CT/TW",
    LAO_CAI_DIRECTIVE_FILE: "Directive 24-CT/TU (02/08/2012) of the Lào Cai Provincial Party Committee on "
    "IT application and development",
    THAI_NGUYEN_MEETING_FILE: "Meeting of the Thái Nguyên Provincial Steering Committee for IT Application "
    "(11/09/2014)",
    PHU_THO_CONFERENCE_FILE: "Phú Thọ province's conference reviewing 10 years of Directive 58-CT/TW",
    BINH_THUAN_NOTICE_FILE: "Notice of conclusions of the Standing Board of the Bình Thuận Provincial Party "
    "Committee (22/04/2008)",
}


# The pages the national 2025 targets were read from (DOMAIN.md §7.1–7.2): law-news summaries of
# the decisions. Each target's note quotes what the page says and names the decision.
PAGE_749 = "vietnamlawmagazine.vn/program-on-national-digital-transformation-approved-27272.html"
PAGE_749_RECORDS = "moj.gov.vn/qt/tintuc/Pages/thong-tin-khac.aspx?ItemID=3097"
PAGE_749_FIBRE = "thukyluat.vn (tin 75497)"
PAGE_942 = "lawnet.vn (thông báo văn bản mới, tin 104274)"
PAGE_749_ECONOMY = "vovworld.vn (phe-duyet-chuong-trinh-chuyen-doi-so-quoc-gia-den-nam-2025-...-867595.vov)"
NATIONAL_PAGES = (PAGE_749, PAGE_749_RECORDS, PAGE_749_FIBRE, PAGE_942, PAGE_749_ECONOMY)

# How a reader is told what each of those pages is: the decision it summarises, and where.
NATIONAL_PAGE_TITLES = {
    PAGE_749: (
        "Quyết định 749/QĐ-TTg, tóm tắt của Tạp chí Luật Việt Nam (Vietnam Law Magazine)",
        "Decision 749/QĐ-TTg, as summarised by Vietnam Law Magazine",
    ),
    PAGE_749_RECORDS: (
        "Quyết định 749/QĐ-TTg, tin của Bộ Tư pháp",
        "Decision 749/QĐ-TTg, as reported by the Ministry of Justice",
    ),
    PAGE_749_FIBRE: (
        "Quyết định 749/QĐ-TTg, tin 75497 của Thư Ký Luật (thukyluat.vn)",
        "Decision 749/QĐ-TTg, news item 75497 of thukyluat.vn",
    ),
    PAGE_942: (
        "Quyết định 942/QĐ-TTg, thông báo văn bản mới của LawNet (lawnet.vn, tin 104274)",
        "Decision 942/QĐ-TTg, LawNet's new-document notice (lawnet.vn, item 104274)",
    ),
}


@dataclass(frozen=True)
class Source:
    """A stored source as a reader meets it: the document's title (reader's language) and its link ("" if none)."""

    title: str
    url: str = ""

    def __str__(self):
        """As plain text (an Excel cell, a Word paragraph): the title, then the link in brackets."""
        return f"{self.title} ({self.url})" if self.url else str(self.title)


def _link(page):
    """ "vietnamlawmagazine.vn/…" → "https://vietnamlawmagazine.vn/…"; "" for a text that is no address."""
    if not page or " " in page or "/" not in page or "." not in page.split("/", 1)[0]:
        return ""
    return page if page.startswith(("https://", "http://")) else f"https://{page}"


def source_of(source_file):
    """The one mapping of a stored ``source_file`` (a seed file's name, or the page a national target was
    read from) to what pages, exports and reports show: a ``Source``, never the file name; None for none.

    A seed file is named by its document's title (its text lives in shared/seeds, not online, so it has
    no link); a page by the decision it summarises, with its address as the link where it is one.
    """
    if not source_file:
        return None
    if source_file in SOURCE_TITLES:
        return Source(local_text(SOURCE_TITLES[source_file], SOURCE_TITLES_EN.get(source_file, "")))
    if source_file in NATIONAL_PAGE_TITLES:
        return Source(local_text(*NATIONAL_PAGE_TITLES[source_file]), _link(source_file))
    return Source(source_file, _link(source_file))


def figure_source(source, source_file):
    """A figure's source as one line of text (exports, reports): what was entered as its source, else its
    document's title; with the document's link where it has one."""
    document = source_of(source_file)
    title = (source or "").strip() or (document.title if document else "")
    return str(Source(title, document.url)) if document and title else title


# GSO codes of the provinces the documents speak about, as units before 1 July 2025.
PHU_THO = "25"
LAO_CAI = "10"
THAI_NGUYEN = "19"
BINH_THUAN = "60"
PROVINCE_CODES = (PHU_THO, LAO_CAI, THAI_NGUYEN, BINH_THUAN)

TASK = "nhiem_vu"
RECOMMENDATION = "kien_nghi"


@dataclass(frozen=True)
class DirectiveRecord:
    slug: str
    kind: str  # a Directive.Kind value
    number: str  # "" where the document gives none
    issuer: str
    issued_on: datetime.date | None  # None where the document gives no date
    title: str
    summary: str
    source_file: str
    position: int
    province: str | None = None  # GSO code; None for a national document
    parent: str | None = None  # slug of the directive this one implements
    period_start: int | None = None
    period_end: int | None = None
    orientation_year: int | None = None
    title_en: str = ""  # ours (ENGLISH below), like every English text here
    issuer_en: str = ""


@dataclass(frozen=True)
class TaskRecord:
    directive: str  # slug
    number: str
    title: str  # our own short label, or the item's own heading where it has one
    text: str  # verbatim
    position: int  # document order within the directive, across sections
    section: str = TASK
    parent: str | None = None  # number of the parent task, same directive and section
    title_en: str = ""


@dataclass(frozen=True)
class IndicatorRecord:
    code: str
    name_vi: str
    name_en: str
    unit: str  # an Indicator.Unit value
    aggregation: str  # an Indicator.Aggregation value
    category: str  # an Indicator.Category value
    description: str
    source_file: str  # the document that first mentions it
    position: int
    unit_label: str = ""
    numerator_label: str = ""
    denominator_label: str = ""
    direction: str = "higher"
    unit_label_en: str = ""
    numerator_label_en: str = ""
    denominator_label_en: str = ""
    description_en: str = ""
    national_only: bool = False  # no provincial figure (Indicator.national_only)


@dataclass(frozen=True)
class TargetRecord:
    indicator: str
    province: str | None  # GSO code; None for a national target
    deadline_year: int
    value: Decimal
    subject: str
    note: str
    source_file: str
    directive: str | None = None  # slug of the directive that set it, when one did
    # The year whose figures the target was set against (no document states a baseline *value*).
    baseline_year: int | None = None
    subject_en: str = ""
    note_en: str = ""
    strict: bool = False  # "trên 80%": the figure must exceed the value (Target.strict)


@dataclass(frozen=True)
class MeasurementRecord:
    indicator: str
    province: str
    year: int
    value: Decimal
    source: str
    source_file: str
    year_note: str
    note: str = ""
    status: str = "approved"


# ---------------------------------------------------------------------------------------------
# Directives. National ones first (position), then each province's in the order of its documents.
# ---------------------------------------------------------------------------------------------

DIRECTIVES = (
    DirectiveRecord(
        slug="58-ct-tw",
        kind="chi_thi",
        number="58-CT/TW",
        issuer="Bộ Chính trị",
        issued_on=datetime.date(2000, 10, 17),
        title="Đẩy mạnh ứng dụng và phát triển công nghệ thông tin phục vụ sự nghiệp công nghiệp hóa, hiện đại hóa",
        summary=(
            "Chỉ thị của Bộ Chính trị (khóa VIII). Văn bản gốc không có trong bộ tài liệu nguồn; số hiệu, "
            "ngày và trích yếu lấy theo các văn bản dẫn chiếu. Ngày ban hành ghi nhận là 17/10/2000 theo "
            "chỉ thị của Ban Thường vụ Tỉnh ủy Thái Nguyên và hội nghị tổng kết của tỉnh Phú Thọ; Chỉ thị "
            "24-CT/TU của Tỉnh ủy Lào Cai ghi “ngày 7/10/2000”. Trích yếu theo lời dẫn trong Chỉ thị 24-CT/TU; "
            "chỉ thị của Thái Nguyên dẫn là “Đẩy mạnh ứng dụng và phát triển công nghệ thông tin, truyền "
            "thông phục vụ công nghiệp hóa, hiện đại hóa”."
        ),
        source_file=PHU_THO_CONFERENCE_FILE,
        position=1,
    ),
    DirectiveRecord(
        slug="36-nq-tw",
        kind="nghi_quyet",
        number="36-NQ/TW",
        issuer="Bộ Chính trị",
        issued_on=datetime.date(2014, 7, 1),
        title=(
            "Đẩy mạnh ứng dụng, phát triển công nghệ thông tin đáp ứng yêu cầu phát triển bền vững và hội nhập quốc tế"
        ),
        summary=(
            "Nghị quyết của Bộ Chính trị. Văn bản gốc không có trong bộ tài liệu nguồn; số hiệu, ngày "
            "(1-7-2014) và trích yếu lấy theo phiên họp Ban Chỉ đạo ứng dụng CNTT tỉnh Thái Nguyên "
            "(11/09/2014), nơi tỉnh dẫn chiếu "
            "nghị quyết cùng Công văn chỉ đạo của Văn phòng Chính phủ về việc triển khai nghị quyết."
        ),
        source_file=THAI_NGUYEN_MEETING_FILE,
        position=2,
    ),
    DirectiveRecord(
        slug="24-ct-tu-lao-cai",
        kind="chi_thi",
        number="24-CT/TU",
        issuer="Tỉnh ủy Lào Cai",
        issued_on=datetime.date(2012, 8, 2),
        title="Đẩy mạnh và phát triển ứng dụng công nghệ thông tin trên địa bàn tỉnh Lào Cai",
        summary=(
            "Chỉ thị thực hiện Chỉ thị 58-CT/TW, nhằm thực hiện tốt Đề án của Tỉnh ủy về phát triển và ứng "
            "dụng công nghệ thông tin giai đoạn 2011-2015; giai đoạn 2011–2015 ghi ở đây là giai đoạn của Đề "
            "án đó, chỉ thị không tự nêu giai đoạn riêng. Ban Thường vụ Tỉnh ủy yêu cầu thực hiện 9 nhiệm "
            "vụ: lãnh đạo, chỉ đạo và tuyên truyền; mạng thông tin tới cấp xã và Chính phủ điện tử tỉnh; "
            "ứng dụng cho nông nghiệp, nông thôn; giáo dục và y tế; nguồn nhân lực; quản lý nhà nước; nguồn "
            "lực đầu tư; dịch vụ và công nghiệp CNTT; tổ chức thực hiện và báo cáo. Chỉ thị không nêu chỉ "
            "tiêu định lượng. Nguồn: bài đăng trên Mic.gov.vn, theo laocai.gov.vn."
        ),
        source_file=LAO_CAI_DIRECTIVE_FILE,
        position=10,
        province=LAO_CAI,
        parent="58-ct-tw",
        period_start=2011,
        period_end=2015,
    ),
    DirectiveRecord(
        slug="thai-nguyen-tiep-tuc-58-ct-tw",
        kind="chi_thi",
        number="",
        issuer="Ban Thường vụ Tỉnh ủy Thái Nguyên",
        issued_on=None,
        title=(
            "Tiếp tục thực hiện có hiệu quả Chỉ thị số 58-CT/TW của Bộ Chính trị, đẩy mạnh ứng dụng và "
            "phát triển công nghệ thông tin truyền thông trên địa bàn tỉnh giai đoạn 2010-2015 và định "
            "hướng đến năm 2020"
        ),
        summary=(
            "Văn bản của Ban Thường vụ Tỉnh ủy sau 10 năm thực hiện Chỉ thị 58-CT/TW; văn bản nguồn không "
            "nêu số hiệu, ngày ban hành, cũng không ghi tên tỉnh ở phần đầu (tỉnh Thái Nguyên được xác định "
            "từ nội dung: Đại học Thái Nguyên ở mục 2, “tỉnh Thái Nguyên” ở mục 6). Chỉ tiêu: phấn đấu đến "
            "năm 2015, 100% cơ quan Đảng, chính quyền, đoàn thể được kết nối internet. Mục 6 giao xây dựng "
            "Chương trình ứng dụng và phát triển CNTT-TT toàn tỉnh giai đoạn 2010-2015 theo tinh thần Nghị "
            "quyết số 07/NQ-HĐND ngày 5/5/2008 của HĐND tỉnh thông qua Quy hoạch Bưu chính viễn thông, ứng "
            "dụng và phát triển công nghệ thông tin tỉnh Thái Nguyên đến năm 2015 và định hướng đến năm 2020."
        ),
        source_file=THAI_NGUYEN_DIRECTIVE_FILE,
        position=20,
        province=THAI_NGUYEN,
        parent="58-ct-tw",
        period_start=2010,
        period_end=2015,
        orientation_year=2020,
    ),
    DirectiveRecord(
        slug="978-qd-ubnd-thai-nguyen",
        kind="quyet_dinh",
        number="978/QĐ-UBND",
        issuer="UBND tỉnh Thái Nguyên",
        issued_on=datetime.date(2014, 5, 20),
        title="Thành lập Ban Chỉ đạo ứng dụng CNTT tỉnh Thái Nguyên",
        summary=(
            "Quyết định thành lập Ban Chỉ đạo ứng dụng CNTT tỉnh Thái Nguyên, do Chủ tịch UBND tỉnh làm "
            "Trưởng ban. Văn bản gốc không có trong bộ tài liệu nguồn; phiên họp của Ban Chỉ đạo "
            "(11/09/2014) dẫn quyết "
            "định này như một bước thực hiện Nghị quyết 36-NQ/TW và Công văn chỉ đạo của Văn phòng Chính "
            "phủ, dù ngày của quyết định (20-5-2014) sớm hơn ngày của nghị quyết (1-7-2014) mà văn bản ghi."
        ),
        source_file=THAI_NGUYEN_MEETING_FILE,
        position=21,
        province=THAI_NGUYEN,
        parent="36-nq-tw",
    ),
    DirectiveRecord(
        slug="ke-hoach-cntt-thai-nguyen-2014-2015",
        kind="ke_hoach",
        number="",
        issuer="Ban Chỉ đạo ứng dụng CNTT tỉnh Thái Nguyên",
        issued_on=None,
        title="Ứng dụng và phát triển CNTT của tỉnh Thái Nguyên giai đoạn 2014-2015, định hướng đến năm 2020",
        summary=(
            "Bản dự thảo: Ban Chỉ đạo ứng dụng CNTT tỉnh góp ý dự thảo Kế hoạch ứng dụng và phát triển CNTT "
            "của tỉnh giai đoạn 2014-2015 tại cuộc họp ngày 11/9/2014, cùng dự thảo Quy chế làm việc của Ban "
            "Chỉ đạo, nhiệm vụ triển khai Đề án phát triển công nghiệp CNTT và điện tử của tỉnh đến năm 2020 "
            "và đề cương Nghị quyết trình Ban Thường vụ Tỉnh ủy. Văn bản nguồn không nêu số hiệu, ngày ban "
            "hành, cũng không cho biết kế hoạch đã được ban hành hay chưa. Định hướng đến năm 2020 theo nội "
            "dung cuộc họp (giai đoạn 2014-2015, định hướng đến năm 2020)."
        ),
        source_file=THAI_NGUYEN_MEETING_FILE,
        position=22,
        province=THAI_NGUYEN,
        parent="36-nq-tw",
        period_start=2014,
        period_end=2015,
        orientation_year=2020,
    ),
    DirectiveRecord(
        slug="03-nq-tu-binh-thuan",
        kind="nghi_quyet",
        number="03-NQ/TU",
        issuer="Ban Thường vụ Tỉnh ủy Bình Thuận",
        issued_on=datetime.date(2006, 9, 26),
        title="Phát triển bưu chính, viễn thông và công nghệ thông tin đến năm 2010",
        summary=(
            "Nghị quyết của Ban Thường vụ Tỉnh ủy. Văn bản gốc không có trong bộ tài liệu nguồn; số hiệu, "
            "ngày và trích yếu lấy theo Thông báo kết luận ngày 22/4/2008 của Ban Thường vụ Tỉnh ủy, nơi "
            "đánh giá 2 năm thực hiện nghị quyết. Giai đoạn 2006–2010: từ năm ban hành đến năm mà trích yếu "
            "nêu."
        ),
        source_file=BINH_THUAN_NOTICE_FILE,
        position=30,
        province=BINH_THUAN,
        period_start=2006,
        period_end=2010,
    ),
    DirectiveRecord(
        slug="17-kl-tu-binh-thuan",
        kind="ket_luan",
        number="17-KL/TU",
        issuer="Tỉnh ủy Bình Thuận",
        issued_on=None,
        title=(
            "Kết luận số 17-KL/TU của Tỉnh ủy mà Thông báo kết luận ngày 22/4/2008 của Thường trực Tỉnh ủy "
            "theo dõi thực hiện (nội dung không có trong tài liệu nguồn)"
        ),
        summary=(
            "Văn bản gốc không có trong bộ tài liệu nguồn; Thông báo kết luận ngày 22/4/2008 chỉ nêu số hiệu và cơ "
            "quan ban hành (Tỉnh ủy), không nêu ngày, trích yếu hay nội dung. Thông báo kết luận ngày "
            "22/4/2008 của Thường trực Tỉnh ủy theo dõi tình hình thực hiện nhiệm vụ năm 2008 theo kết luận "
            "này."
        ),
        source_file=BINH_THUAN_NOTICE_FILE,
        position=31,
        province=BINH_THUAN,
    ),
    DirectiveRecord(
        slug="thong-bao-ket-luan-binh-thuan-2008",
        kind="thong_bao",
        number="",
        issuer="Thường trực Tỉnh ủy Bình Thuận",
        issued_on=datetime.date(2008, 4, 22),
        title=(
            "Kết luận của Thường trực Tỉnh ủy tại buổi làm việc với với Sở Thông tin và Truyền thông về tình "
            "hình triển khai thực hiện nhiệm vụ năm 2008 theo Kết luận số 17-KL/TU của Tỉnh ủy"
        ),
        summary=(
            "Thông báo kết luận của Bí thư Tỉnh ủy Huỳnh Văn Tí tại buổi làm việc ngày 17/4/2008 với Sở Thông "
            "tin và Truyền thông; ban hành tại Phan Thiết ngày 22/4/2008, T/L Ban Thường vụ, Chánh Văn phòng "
            "Lê Tấn Lai ký; văn bản không ghi số hiệu. Văn bản không ghi tên tỉnh: tỉnh Bình Thuận được xác "
            "định từ địa danh Phan Thiết. Sau phần đánh giá 2 năm thực hiện Nghị quyết 03-NQ/TU, thông báo "
            "nêu 06 việc cụ thể (việc 2 gồm hai nội dung a, b) và 4 kiến nghị; không nêu chỉ tiêu định lượng."
        ),
        source_file=BINH_THUAN_NOTICE_FILE,
        position=32,
        province=BINH_THUAN,
        parent="17-kl-tu-binh-thuan",
    ),
)

# ---------------------------------------------------------------------------------------------
# Tasks. ``text`` is the item's text verbatim (without its number); ``title`` is the item's own
# heading where it has one, otherwise a short label of ours.
# ---------------------------------------------------------------------------------------------

LAO_CAI_24 = "24-ct-tu-lao-cai"
THAI_NGUYEN_58 = "thai-nguyen-tiep-tuc-58-ct-tw"
BINH_THUAN_NOTICE = "thong-bao-ket-luan-binh-thuan-2008"

# The two national decisions with targets for 2025 (DOMAIN.md §7.1–7.2). Their own texts are not in
# the source set: number, date, title and period as the pages that summarise them give them; they
# have no numbered tasks here (no verbatim text to quote), only the targets below.
DECISION_749 = "749-qd-ttg"
DECISION_942 = "942-qd-ttg"
NATIONAL_DECISIONS = (
    DirectiveRecord(
        slug=DECISION_749,
        kind="quyet_dinh",
        number="749/QĐ-TTg",
        issuer="Thủ tướng Chính phủ",
        issued_on=datetime.date(2020, 6, 3),
        title="Phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030",
        summary=(
            "Quyết định của Thủ tướng Chính phủ ngày 03/06/2020. Văn bản gốc không có trong bộ tài liệu nguồn; "
            "các chỉ tiêu đến năm 2025 được đọc tại các trang tóm tắt quyết định: "
            + PAGE_749
            + "; "
            + PAGE_749_RECORDS
            + "; "
            + PAGE_749_FIBRE
            + ". Chỉ nạp các chỉ tiêu đo được bằng số liệu tỉnh báo cáo; "
            "các chỉ tiêu năm 2030 của quyết định chưa tìm thấy."
        ),
        source_file=PAGE_749,
        position=3,
        period_start=2020,
        period_end=2025,
        orientation_year=2030,
    ),
    DirectiveRecord(
        slug=DECISION_942,
        kind="quyet_dinh",
        number="942/QĐ-TTg",
        issuer="Thủ tướng Chính phủ",
        issued_on=datetime.date(2021, 6, 15),
        title=(
            "Phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021–2025, "
            "định hướng đến năm 2030"
        ),
        summary=(
            "Quyết định của Thủ tướng Chính phủ ngày 15/06/2021. Văn bản gốc không có trong bộ tài liệu nguồn; "
            "các chỉ tiêu đến năm 2025 được đọc tại " + PAGE_942 + ". Chỉ tiêu tỷ lệ hồ sơ công việc xử lý trên "
            "môi trường mạng (90% cấp tỉnh, 80% cấp huyện, 60% cấp xã) trùng với Quyết định 749/QĐ-TTg và được "
            "ghi theo quyết định đó."
        ),
        source_file=PAGE_942,
        position=4,
        period_start=2021,
        period_end=2025,
        orientation_year=2030,
    ),
)
DIRECTIVES = DIRECTIVES[:2] + NATIONAL_DECISIONS + DIRECTIVES[2:]

TASKS = (
    # 001: Chỉ thị 24-CT/TU, nine numbered tasks; the titles are ours.
    TaskRecord(
        LAO_CAI_24,
        "1",
        "Lãnh đạo, chỉ đạo và tuyên truyền",
        position=1,
        text=(
            "Tăng cường sự chỉ đạo, lãnh đạo của cấp ủy các cấp trong việc phát triển và ứng dụng "
            "công nghệ thông tin một cách sâu rộng, có hiệu quả trên toàn tỉnh. Các cấp ủy đảng, "
            "chính quyền và các tổ chức chính trị- xã hội phải chủ động, đi đầu trong việc ứng dụng "
            "công nghệ thông tin trong lãnh đạo, chỉ đạo, điều hành. Trực tiếp chỉ đạo và chịu trách "
            "nhiệm trong việc ứng dụng công nghệ thông tin phục vụ quá trình thực hiện các mục tiêu "
            "phát triển kinh tế- xã hội của tỉnh. Tổ chức quán triệt, triển khai việc ứng dụng công "
            "nghệ thông tin trong mọi hoạt động, coi đây là nhiệm vụ chính trị quan trọng, là việc "
            "làm thường xuyên, liên tục của cơ quan, đơn vị mình. Đẩy mạnh công tác tuyên truyền, "
            "giáo dục sâu rộng, kịp thời với nhiều hình thức phù hợp để nâng cao nhận thức cho các "
            "cấp, các ngành và nhân dân trong toàn tỉnh về vai trò quan trọng của công nghệ thông "
            "tin, từ đó tham gia tích cực, hiệu quả vào các hoạt động phát triển và ứng dụng công "
            "nghệ thông tin của tỉnh."
        ),
    ),
    TaskRecord(
        LAO_CAI_24,
        "2",
        "Mạng thông tin tới cấp xã, chính quyền điện tử",
        position=2,
        text=(
            "Phát triển hệ thống mạng thông tin của tỉnh tới cấp xã, từng bước phát triển đến các "
            "thôn, bản, đáp ứng việc trao đổi thông tin kịp thời và thông suốt cho nhân dân các dân "
            "tộc. Duy trì và sử dụng có hiệu quả hạ tầng công nghệ thông tin hiện có để nâng cao "
            "năng lực quản lý, năng xuất và chất lượng xử lý công việc, thúc đẩy cải cách hành "
            "chính. Chú trọng phát triển kết cấu hạ tầng công nghệ thông tin trên địa bàn tỉnh đảm "
            "bảo đồng bộ, tiết kiệm, đáp ứng các điều kiện cho ứng dụng công nghệ thông tin hiệu "
            "quả; đồng thời tăng cường xây dựng và phát triển ứng dụng công nghệ thông tin phục vụ "
            "sự lãnh đạo của Đảng, quản lý của Nhà nước và phục vụ lợi ích công cộng của nhân dân. "
            "Tiếp tục hoàn thiện mô hình Chính phủ điện tử tỉnh Lào Cai. Xây dựng hệ thống cơ sở dữ "
            "liệu điện tử phục vụ hoạt động của các cấp, các ngành. Phát triển, nhân rộng các mô "
            "hình ứng dụng công nghệ thông tin đã triển khai thành công."
        ),
    ),
    TaskRecord(
        LAO_CAI_24,
        "3",
        "Ứng dụng CNTT cho nông nghiệp, nông thôn",
        position=3,
        text=(
            "Chú trọng xây dựng các ứng dụng công nghệ thông tin phục vụ phát triển nông nghiệp, "
            "nông thôn và nông dân., góp phần thực hiện thành công Chương trình mục tiêu quốc gia "
            "xây dựng nông thôn mới giai đoạn 2012- 2020. Thường xuyên tổ chức đào tạo, tập huấn, hỗ "
            "trợ, phổ cập kiến thức, nâng cao kỹ năng ứng dụng công nghệ thông tin cho doanh nghiệp "
            "và các tầng lớp nhân dân trên địa bàn tỉnh. Tạo điều kiện cho các doanh nghiệp, tổ chức "
            "xã hội và người dân biết khai thác, sử dụng thông tin điện tử và ứng dụng công nghệ "
            "thông tin. Đặc biệt, quan tâm cung cấp các dịch vụ thông tin hữu ích, có mục tiêu cho "
            "người dân vùng sâu, vùng xa, những đối tượng có hoàn cảnh khó khăn."
        ),
    ),
    TaskRecord(
        LAO_CAI_24,
        "4",
        "Giáo dục và y tế",
        position=4,
        text=(
            "Đẩy mạnh ứng dụng công nghệ thông tin trong công tác giảng dạy và quản lý giáo dục ở "
            "các cấp học, bậc học, ngành học, đặc biệt tập trung phát triển hạ tầng thông tin phục "
            "vụ giáo dục và đào tạo.Tăng cường ứng dụng và phát triển công nghệ thông tin cho các cơ "
            "sở y tế và công tác quản lý y tế. Đẩy mạnh tin học hóa các dịch vụ y tế, phục vụ công "
            "tác bảo vệ, chăm sóc sức khỏe cho nhân dân."
        ),
    ),
    TaskRecord(
        LAO_CAI_24,
        "5",
        "Nguồn nhân lực CNTT",
        position=5,
        text=(
            "Phát triển nguồn nhân lực công nghệ thông tin bảo đảm chất lượng cao, đồng bộ, chú "
            "trọng tăng nhanh tỷ lệ nguồn nhân lực có trình độ cao. Tăng cường đào tạo kỹ năng về "
            "ứng dụng công nghệ thông tin cho cán bộ, công chức, viên chức; nâng cao trình độ công "
            "nghệ thông tin cho nguồn nhân lực trong tất cả các cấp, các ngành, các lĩnh vực. Hiện "
            "đại hóa, nâng cao năng lực và hiệu quả hoạt động của cơ sở đào tạo nhân lực công nghệ "
            "thông tin trên địa bàn tỉnh. Đẩy mạnh xã hội hóa, liên kết và hợp tác quốc tế cho phát "
            "triển nguồn nhân lực công nghệ thông tin, phổ cập tin học trong phạm vi toàn tỉnh. Duy "
            "trì cơ chế, chính sách ưu đãi thu hút nhân lực công nghệ thông tin trình độ cao làm "
            "việc tại tỉnh, đồng thời có chính sách quản lý, tạo điều kiện về môi trường làm việc và "
            "nâng cao chất lượng đội ngũ nhân lực này."
        ),
    ),
    TaskRecord(
        LAO_CAI_24,
        "6",
        "Quản lý nhà nước về CNTT",
        position=6,
        text=(
            "Nâng cao năng lực, hiệu quả quản lý nhà nước về công nghệ thông tin; đổi mới công tác "
            "quản lý nhà nước về lĩnh vực này từ tỉnh đến cơ sở theo phương châm “Năng lực quản lý "
            "phải theo kịp và thúc đẩy sự phát triển”. Bố trí và tạo điều kiện nâng cao năng lực cho "
            "cán bộ chuyên trách, đảm bảo nguồn lực và điều kiện thuận lợi để cơ quan chuyên trách "
            "về công nghệ thông tin của tỉnh giữ vai trò trung tâm trong việc tham mưu, xây dựng, "
            "vận hành các cơ chế chính sách phát triển và ứng dụng công nghệ thông tin trên địa bàn "
            "tỉnh. Tăng cường công tác thanh tra, kiểm tra, kịp thời phát hiện xử lý các vi phạm "
            "trong công tác đầu tư, khai thác, kinh doanh công nghệ thông tin."
        ),
    ),
    TaskRecord(
        LAO_CAI_24,
        "7",
        "Nguồn lực và đầu tư",
        position=7,
        text=(
            "Đảm bảo nguồn lực, ưu tiên đầu tư cho ứng dụng và phát triển công nghệ thông tin trong "
            "các chương trình, kế hoạch phát triển kinh tế- xã hội của tỉnh. Coi phát triển và ứng "
            "dụng công nghệ thông tin là nhiệm vụ ưu tiên hàng đầu trong lộ trình cải cách hành "
            "chính của tỉnh. Đảm bảo các điều kiện để thực hiện đầy đủ và đúng tiến độ các dự án ứng "
            "dụng và phát triển công nghệ thông tin đã được phê duyệt. Đẩy mạnh xã hội hóa, huy động "
            "các nguồn lực cho phát triển hạ tầng viễn thông, công nghệ thông tin. Khuyến khích việc "
            "đầu tư các giải pháp, công nghệ mới và các sản phẩm dùng chung trong lĩnh vực công nghệ "
            "thông tin."
        ),
    ),
    TaskRecord(
        LAO_CAI_24,
        "8",
        "Dịch vụ và công nghiệp CNTT",
        position=8,
        text=(
            "Phát triển dịch vụ công nghệ thông tin và hướng tới phát triển công nghiệp công nghệ "
            "thông tin. Xây dựng cơ chế, chính sách thuận lợi cho phát triển dịch vụ công nghệ thông "
            "tin và thu hút đầu tư phát triển công nghiệp công nghệ thông tin trên địa bàn tỉnh. Có "
            "chính sách ưu tiên về tín dụng, thuế và đất đai cho các doanh nghiệp hoạt động cung cấp "
            "dịch vụ công nghệ thông tin tới các địa bàn vùng sâu, vùng xa, vùng đồng bào dân tộc "
            "thiểu số."
        ),
    ),
    TaskRecord(
        LAO_CAI_24,
        "9",
        "Tổ chức thực hiện và báo cáo",
        position=9,
        text=(
            "Các cấp ủy Đảng, chính quyền, Ủy ban Mặt trận Tổ quốc và các đoàn thể, chính trị- xã "
            "hội, xã hội nghề nghiệp, các doanh nghiệp nhà nước tập trung chỉ đạo đẩy mạnh phát "
            "triển và ứng dụng công nghệ thông tin, xây dựng kế hoạch để quán triệt và triển khai "
            "thực hiện phù hợp với chức năng, nhiệm vụ được giao, đưa việc ứng dụng công nghệ thông "
            "tin vào chương trình công tác toàn khóa, hàng năm để tổ chức thực hiện và định kỳ báo "
            "cáo cấp ủy cấp trên về việc thực hiện Chỉ thị này."
        ),
    ),
    # 000: Thái Nguyên, seven numbered items; 1–5 carry their own heading (the title), 6–7 have none.
    TaskRecord(
        THAI_NGUYEN_58,
        "1",
        "Chỉ đạo làm tốt công tác tuyên truyền",
        position=1,
        text=(
            "Tập trung làm tốt công tác tuyên truyền về chiến lược và chính sách công nghệ thông tin "
            "- truyền thông quốc gia để nhằm nâng cao nhận thức của cán bộ đảng viên và nhân dân về "
            "vai trò quan trọng của việc ứng dụng và phát triển công nghệ thông tin – truyền thông "
            "đối với sự nghiệp phát triển kinh tế- xã hội"
        ),
    ),
    TaskRecord(
        THAI_NGUYEN_58,
        "2",
        "Quan tâm đào tạo bồi dưỡng nguồn nhân lực",
        position=2,
        text=(
            "Tăngg cường đào tạo nguồn nhân lực từng bước đáp ứng yêu cầu ứng dụng phát triển công "
            "nghệ thông tin truyền thông. Nâng cao chất lượng đào tạo công nghệ thông tin - truyền "
            "thống tại các trường đại học, cao đẳng, đặc biệt là Khoa Công nghệ thông tin thuộc Đại "
            "học Thái Nguyên. Có chính sách khuyến khích các tổ chức - xã hội, các thành phần kinh "
            "tế và cá nhân tham gia đầu tư phát tiển nguồn nhân lực công nghệ thông tin và truyền "
            "thông. Có chế độ đãi ngộ hợp lý để thu hút cán bộ có trình độ khá giỏi; đào tạo cán bộ "
            "có trình độ cao để tạo điều kiện hình thành và phát triển ngành công nghiệp công nghệ "
            "thông tin và truyền thông của tỉnh."
        ),
    ),
    TaskRecord(
        THAI_NGUYEN_58,
        "3",
        "Đẩy mạnh ứng dụng công nghệ thông tin và truyền thông",
        position=3,
        text=(
            "Các cơ quan Đảng, Nhà nước, các tổ chức chính trị - xã hội cần đẩy mạnh việc việc triền "
            "khai ứng dựng công nghệ thông tin trong mọi hoạt động xã hội theo phương châm đảm bảo "
            "tiết kiệm, thiết thực hiệu quả lâu dài. Xây dựng và đưa vào sử dụng có hiệu quả hệ "
            "thống thông tin điện tử dùng chung tiến tới một hệ thống hạ tầng thông tin hiện đại, "
            "thống nhất, thông suốt từ tỉnh đến cơ sở. Hoàn thiện thường xuyên nâng cấp và sử dụng "
            "có hiệu quả mạng thông tin diện rộng của Đảng và Chính phủ. Đẩy mạnh phổ cập internet; "
            "phát triển các điểm truy cập khai thác thông tin công cộng trên địa bàn phục vụ nhiệm "
            "vụ phát triển kinh tế - xã hội; phấn đấu đến năm 2015, 100% cơ quan Đảng chính quyền "
            "đoàn thể được kết nối internet."
        ),
    ),
    TaskRecord(
        THAI_NGUYEN_58,
        "4",
        "Về phát triển công nghệ thông tin và truyền thông",
        position=4,
        text=(
            "Khuyến khích đầu tư phát triển các lĩnh vực công nghệ thông tin và truyền thông. Bảo "
            "đảm các điều kiện cần thiết cho việc trao đổi và sử dụng các cơ sở dữ liệu, các hệ "
            "thống thông tin trong tỉnh, trong nước và quốc tế. Ưu tiên đầu tư cho ứng dụng và phát "
            "triển công nghệ thông tin trong các chương trình phát triển kinh tế - xã hội. Đảm bảo "
            "các điều kiện để thực hiện đúng tiến độ các dự án ứng dụng công nghệ thông tin đã được "
            "phê duyệt. Đẩy mạnh xã hội hóa, huy động các nguồn lực cho phát triển hạ tầng viễn "
            "thông và internet.\n"
            "Tăng cường các hoạt động nghiên cứu về công nghệ thông tin và truyền thông; tiếp cận "
            "các công nghệ tiên tiến của khu vực và thế giới; thực hiện chuyển giao công nghệ có "
            "hiệu quả."
        ),
    ),
    TaskRecord(
        THAI_NGUYEN_58,
        "5",
        "Về công tác quản lý Nhà nước",
        position=5,
        text=(
            "Đổi mới công tác quản lý Nhà nước trong lĩnh vưc thông tin và truyền thông từ tỉnh đến "
            "cơ sở. Tăng cường hoạt động của Ban Chỉ đạo về công nghệ thông tin của tỉnh. Kiện toàn "
            "bộ máy quản lý Nhà nước về thông tin và truyền thông ở các cấp các ngành.\n"
            "Có biện pháp chủ động, các quy định cụ thểt về an toàn và an ninh thông tin, nhấy là "
            "trong lĩnh vực an ninh - quốc phòng"
        ),
    ),
    TaskRecord(
        THAI_NGUYEN_58,
        "6",
        "",
        position=6,
        text=(
            "Ban cán sự đảng UBND tỉnh chỉ đạo Sở Thông tin - Truyền thông và các cơ quan liên quan "
            "phối hợp xây dựng, thực hiện Chương trình ứng dụng và phát triển công nghệ htoong tin - "
            "truyền thông trong toàn tỉnh giai đoạn 2010-2015 theo tinh thần Nghị quyết số "
            "07/NQ-HĐND ngày 5/5/2008 của HĐND tỉnh thông qua Quy hoạch Bưu chính viễn thông, ứng "
            "dụng và phát triển công nghệ thông tin tỉnh Thái Nguyên đến năm 2015 và định hướng đến "
            "năm 2020"
        ),
    ),
    TaskRecord(
        THAI_NGUYEN_58,
        "7",
        "",
        position=7,
        text=(
            "Các ban Đảng của Tỉnh ủy theo chức năng nhiệm vụ giúp Ban Thường vụ đôn đốc, kiểm tra "
            "việc thực hiện Chỉ thị, định kỳ báo cáo kết quả với Ban Thường vụ Tỉnh ủy."
        ),
    ),
    # 004: Bình Thuận notice, part II: six tasks, the second with two lettered sub-items whose titles are
    # their own headings; the other titles are ours. Part III: four recommendations, each titled by the
    # words before its colon.
    TaskRecord(
        BINH_THUAN_NOTICE,
        "1",
        "Ổn định tổ chức, bộ máy của Sở",
        position=1,
        text=(
            "Tập trung ổn định tổ chức, bộ máy, nhân sự trong lãnh đạo và các phòng, đơn vị trực "
            "thuộc; kể cả tổ chức Đảng uỷ, Công đoàn và Đoàn thanh niên. Soát xét lại việc phân công "
            "cho phù hợp; tinh thần là phải phân công rõ ràng, rành mạch, hoàn thành tốt nhiệm vụ "
            "của Sở. Khẩn trương xây dựng quy chế hoạt động; trong đó, quy định rõ trách nhiệm, thẩm "
            "quyền của từng chức danh, lề lối, cơ chế làm việc cụ thể. Với yêu cầu là tất cả các mối "
            "quan hệ phải chặt chẽ; các chức danh phải nắm vững và phát huy đầy đủ trách nhiệm trên "
            "các lĩnh vực mình phụ trách; đồng thời phải có sự phối hợp đồng bộ trong các lĩnh vực "
            "để đảm bảo sự điều hành quản lý của Sở đạt hiệu quả cao hơn."
        ),
    ),
    TaskRecord(
        BINH_THUAN_NOTICE,
        "2",
        "Tiếp tục thực hiện Nghị quyết 03-NQ/TU",
        position=2,
        text=(
            "Tiếp tục triển khai thực hiện tốt Nghị quyết 03-NQ/TU của Ban Thường vụ Tỉnh uỷ; trong "
            "đó, tập trung vào các nhiệm vụ sau:"
        ),
    ),
    TaskRecord(
        BINH_THUAN_NOTICE,
        "2.a",
        "Về xây dựng đội ngũ",
        position=3,
        parent="2",
        text=(
            "- Tiến hành khảo sát, đánh giá thực trạng cán bộ công nghệ thông tin, quản trị mạng "
            "tỉnh ta hiện nay. Trên cơ sở đó đề ra giải pháp cho thời gian đến, trong đó chú ý các "
            "vấn đề: đào tạo như thế nào ? tập trung những lĩnh vực nào ? có chính sách đãi ngộ cán "
            "bộ công nghệ thông tin, quản trị mạng như thế nào ?\n\n"
            "- Nghiên cứu chính sách thu hút cán bộ công nghệ thông tin, quản trị mạng và những "
            "chính sách, biện pháp xây dựng đội ngũ này ngày càng vững mạnh đảm bảo đáp ứng tốt nhu "
            "cầu phát triển bưu chính, viễn thông và công nghệ thông tin cho những năm trước mắt "
            "cũng như lâu dài."
        ),
    ),
    TaskRecord(
        BINH_THUAN_NOTICE,
        "2.b",
        "Đẩy mạnh ứng dụng công nghệ thông tin",
        position=4,
        parent="2",
        text=(
            "+  Trong các cơ quan Đảng, Nhà nước, các đơn vị sự nghiệp, các tổ chức chính trị - xã "
            "hội: Khẩn trương xây dựng và triển khai cổng thông tin điện tử; nâng chất lượng các "
            "trang Web của tỉnh; khai thác có hiệu quả các phần mềm phục vụ cho lãnh đạo, chỉ đạo, "
            "quản lý và điều hành; áp dụng mạnh mẽ các biện pháp để thực hiện xử lý, điều hành mối "
            "quan hệ giữa cấp trên với cấp dưới, giữa ngành với ngành và trong nội bộ ngành qua mạng "
            "nhằm giảm bớt công văn, giấy tờ không cần thiết.\n\n"
            "+ Trong các trường học: Đẩy mạnh giáo dục, bồi dưỡng kiến thức công nghệ thông tin ở "
            "những trường có điều kiện để từ đó nhân rộng; tiếp tục triển khai Đề án dạy học bằng "
            "giáo án điện tử.\n\n"
            "+ Trong các doanh nghiệp: Khuyến khích các doanh nghiệp ứng dụng mạnh mẽ công nghệ "
            "thông tin trong công tác quản lý, nâng cao năng lực hội nhập kinh tế quốc tế.\n\n"
            "+ Trong nhân dân: Bằng nhiều hình thức phổ cập kiến thức, hướng dẫn kỹ năng khai thác "
            "Internet cho người dân nhằm khai thác thông tin phục vụ sản xuất và đời sống."
        ),
    ),
    TaskRecord(
        BINH_THUAN_NOTICE,
        "3",
        "Phát triển CNTT, viễn thông ở cơ sở",
        position=5,
        text=(
            "Tạo điều kiện để các cơ sở sản xuất, kinh doanh phát triển công nghệ thông tin, viễn "
            "thông; chú ý ở các khu dân cư tập trung, khu công nghiệp, khu du lịch... Chú ý phát huy "
            "hiệu quả hoạt động các điểm Bưu điện văn hóa xã hiện có; tăng cường Internet cho các "
            "Bưu điện xã còn lại nhằm phục vụ nhân dân tốt hơn."
        ),
    ),
    TaskRecord(
        BINH_THUAN_NOTICE,
        "4",
        "Quản lý nhà nước về CNTT, bưu chính, viễn thông",
        position=6,
        text=(
            "Tăng cường công tác quản lý Nhà nước về công nghệ thông tin và bưu chính, viễn thông, "
            "nhất là dịch vụ Internet; tăng cường kiểm tra, thanh tra quản lý nhà nước đối với hoạt "
            "động báo chí, xuất bản."
        ),
    ),
    TaskRecord(
        BINH_THUAN_NOTICE,
        "5",
        "Thông tin, tuyên truyền",
        position=7,
        text=(
            "Đẩy mạnh công tác thông tin, tuyên truyền với nhiều hình thức đa dạng. Trong đó chú "
            "ý:\n\n"
            "- Đẩy mạnh phổ biến, hướng dẫn kiến thức ứng dụng công nghệ thông tin cho cán bộ, đảng "
            "viên và nhân dân; trước hết là cán bộ lãnh đạo.\n\n"
            "- Phát huy đúng mức vai trò, trách nhiệm người đứng đầu trong việc  ứng dụng công nghệ "
            "thông tin.\n\n"
            "- Phối kết hợp chặt chẽ với các ngành, Mặt trận và các đoàn thể xây dựng giải pháp từng "
            "bước phổ cập kiến thức công nghệ thông tin trong nhân dân."
        ),
    ),
    TaskRecord(
        BINH_THUAN_NOTICE,
        "6",
        "Sơ kết 02 năm thực hiện Nghị quyết 03-NQ/TU",
        position=8,
        text=(
            "Tham mưu cho Ban Thường vụ Tỉnh uỷ tổ chức sơ kết 02 năm thực hiện Nghị quyết 03-NQ/TU "
            "của Ban Thường vụ Tỉnh uỷ trong tháng 6/2008."
        ),
    ),
    TaskRecord(
        BINH_THUAN_NOTICE,
        "1",
        "Về vấn đề tổ chức, bộ máy",
        position=9,
        section=RECOMMENDATION,
        text=(
            "Về vấn đề tổ chức, bộ máy: Sở Nội vụ chủ trì, phối hợp với Ban Tổ chức Tỉnh uỷ soát xét "
            "lại biên chế toàn tỉnh để tính toán biên chế của Sở Thông tin và Truyền thông hợp lý; "
            "nghiên cứu việc thành lập Trung tâm Công nghệ thông tin và Truyền thông."
        ),
    ),
    TaskRecord(
        BINH_THUAN_NOTICE,
        "2",
        "Các vấn đề liên quan đến tài chính",
        position=10,
        section=RECOMMENDATION,
        text=(
            "Các vấn đề liên quan đến tài chính: Đề nghị UBND tỉnh chỉ đạo sở Tài chính phối hợp với "
            "Sở Thông tin và Truyền thông bàn, thống nhất báo cáo UBND tỉnh quyết định."
        ),
    ),
    TaskRecord(
        BINH_THUAN_NOTICE,
        "3",
        "Đối với hoạt động quản lý nhà nước về lĩnh vực Internet",
        position=11,
        section=RECOMMENDATION,
        text=(
            "Đối với hoạt động quản lý nhà nước về lĩnh vực Internet: Đề nghị UBND tỉnh chủ trì, "
            "đánh giá lại hiệu quả hoạt động của các đoàn kiểm tra lĩnh vực này trong thời gian vừa "
            "qua; hướng dẫn thống nhất về công tác nghiệp vụ và quản lý của các đoàn kiểm tra của "
            "các ngành, địa phương trên tinh thần hoạt động thường xuyên nhưng tránh sự chồng chéo."
        ),
    ),
    TaskRecord(
        BINH_THUAN_NOTICE,
        "4",
        "Về việc ban hành Quy chế phối hợp lãnh đạo và quản lý hoạt động báo chí của địa phương",
        position=12,
        section=RECOMMENDATION,
        text=(
            "Về việc ban hành Quy chế phối hợp lãnh đạo và quản lý hoạt động báo chí của địa phương: "
            "Ban Tuyên giáo Tỉnh uỷ chủ trì, phối hợp với Sở Thông tin và Truyền thông và các ban, "
            "ngành liên quan họp, tham gia ý kiến sớm trình UBND tỉnh ban hành Quy chế tạm thời thực "
            "hiện không chờ Trung ương. Nếu sau này Trung ương có hướng dẫn mới sẽ rà soát, bổ sung "
            "phù hợp."
        ),
    ),
)

# ---------------------------------------------------------------------------------------------
# Indicators. The names follow the wording of the document that first mentions them.
# ---------------------------------------------------------------------------------------------

INDICATORS = (
    IndicatorRecord(
        code="computers",
        name_vi="Số máy tính đang hoạt động",
        name_en="Computers in use",
        unit="count",
        unit_label="máy",
        aggregation="sum",
        category="infrastructure",
        description="Tổng số máy tính đang hoạt động trên địa bàn tỉnh.",
        source_file=PHU_THO_CONFERENCE_FILE,
        position=1,
    ),
    IndicatorRecord(
        code="households-with-computer",
        name_vi="Số hộ gia đình có máy tính",
        name_en="Households with a computer",
        unit="count",
        unit_label="hộ",
        aggregation="sum",
        category="society",
        description="Số hộ gia đình trên địa bàn tỉnh có ít nhất một máy tính.",
        source_file=PHU_THO_CONFERENCE_FILE,
        position=2,
    ),
    IndicatorRecord(
        code="computers-per-100",
        name_vi="Số máy tính trên 100 dân",
        name_en="Computers per 100 inhabitants",
        unit="per100",
        unit_label="máy/100 dân",
        aggregation="ratio",
        numerator_label="Số máy tính",
        denominator_label="Dân số",
        category="infrastructure",
        description="Mật độ máy tính: số máy tính đang hoạt động tính trên 100 người dân của tỉnh.",
        source_file=PHU_THO_CONFERENCE_FILE,
        position=3,
    ),
    IndicatorRecord(
        code="admin-services-online",
        name_vi="Tỷ lệ dịch vụ hành chính công được cung cấp trên mạng internet",
        name_en="Share of public administrative services provided online",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số dịch vụ hành chính công được cung cấp trên mạng internet",
        denominator_label="Tổng số dịch vụ hành chính công",
        category="public_services",
        description="Phần trăm số dịch vụ hành chính công của tỉnh được cung cấp trên mạng internet.",
        source_file=PHU_THO_CONFERENCE_FILE,
        position=4,
    ),
    IndicatorRecord(
        code="units-with-lan",
        name_vi="Tỷ lệ đơn vị có kết nối mạng cục bộ (LAN)",
        name_en="Share of units with a local area network (LAN)",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số đơn vị có kết nối mạng cục bộ (LAN)",
        denominator_label="Tổng số đơn vị",
        category="infrastructure",
        description="Phần trăm số cơ quan, đơn vị trên địa bàn tỉnh có mạng cục bộ (LAN).",
        source_file=PHU_THO_CONFERENCE_FILE,
        position=5,
    ),
    IndicatorRecord(
        code="enterprises-internet",
        name_vi="Tỷ lệ doanh nghiệp có kết nối internet",
        name_en="Share of enterprises connected to the internet",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số doanh nghiệp có kết nối internet",
        denominator_label="Tổng số doanh nghiệp",
        category="society",
        description="Phần trăm số doanh nghiệp trên địa bàn tỉnh có kết nối internet.",
        source_file=PHU_THO_CONFERENCE_FILE,
        position=6,
    ),
    IndicatorRecord(
        code="communes-ict-services",
        name_vi="Tỷ lệ xã, phường, thôn bản được cung cấp dịch vụ CNTT",
        name_en="Share of communes, wards and villages provided with ICT services",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số xã, phường, thôn bản được cung cấp dịch vụ CNTT",
        denominator_label="Tổng số xã, phường, thôn bản",
        category="infrastructure",
        description="Phần trăm số xã, phường, thôn bản của tỉnh được cung cấp dịch vụ công nghệ thông tin.",
        source_file=PHU_THO_CONFERENCE_FILE,
        position=7,
    ),
    IndicatorRecord(
        code="party-agencies-lan",
        name_vi="Tỷ lệ cơ quan Đảng từ tỉnh đến huyện có mạng LAN",
        name_en="Share of Party agencies at provincial and district level with a LAN",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số cơ quan Đảng cấp tỉnh, cấp huyện có mạng LAN",
        denominator_label="Tổng số cơ quan Đảng cấp tỉnh, cấp huyện",
        category="party_state",
        description="Phần trăm số cơ quan Đảng từ cấp tỉnh đến cấp huyện có hệ thống mạng nội bộ (LAN).",
        source_file=PHU_THO_CONFERENCE_FILE,
        position=8,
    ),
    IndicatorRecord(
        code="commune-offices-wan",
        name_vi="Tỷ lệ Văn phòng Đảng ủy, UBND cấp xã kết nối mạng diện rộng (WAN)",
        name_en="Share of commune Party committee and People's Committee offices on the wide area network (WAN)",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số Văn phòng Đảng ủy, UBND cấp xã kết nối mạng diện rộng (WAN)",
        denominator_label="Tổng số Văn phòng Đảng ủy, UBND cấp xã",
        category="party_state",
        description=(
            "Phần trăm số Văn phòng Đảng ủy, UBND xã, phường, thị trấn kết nối mạng diện rộng (WAN) với cơ quan Đảng."
        ),
        source_file=PHU_THO_CONFERENCE_FILE,
        position=9,
    ),
    IndicatorRecord(
        code="departments-lan",
        name_vi="Tỷ lệ sở, ban, ngành, UBND cấp huyện có mạng LAN",
        name_en="Share of provincial departments and district People's Committees with a LAN",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số sở, ban, ngành, UBND cấp huyện có mạng LAN",
        denominator_label="Tổng số sở, ban, ngành, UBND cấp huyện",
        category="party_state",
        description="Phần trăm số sở, ban, ngành của tỉnh và UBND huyện, thành, thị có hệ thống mạng LAN.",
        source_file=PHU_THO_CONFERENCE_FILE,
        position=10,
    ),
    IndicatorRecord(
        code="commune-pc-broadband",
        name_vi="Tỷ lệ UBND cấp xã có đường truyền internet tốc độ cao",
        name_en="Share of commune People's Committees with high-speed internet",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số UBND cấp xã có đường truyền internet tốc độ cao",
        denominator_label="Tổng số UBND cấp xã",
        category="infrastructure",
        description="Phần trăm số UBND xã, phường, thị trấn có đường truyền internet tốc độ cao.",
        source_file=PHU_THO_CONFERENCE_FILE,
        position=11,
    ),
    IndicatorRecord(
        code="commune-officials-computer",
        name_vi="Tỷ lệ cán bộ, công chức cấp xã có máy tính làm việc",
        name_en="Share of commune officials and civil servants with a computer for work",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số cán bộ, công chức cấp xã có máy tính làm việc",
        denominator_label="Tổng số cán bộ, công chức cấp xã",
        category="human_resources",
        description="Phần trăm số cán bộ, công chức cấp xã có máy tính để làm việc.",
        source_file=PHU_THO_CONFERENCE_FILE,
        position=12,
    ),
    IndicatorRecord(
        code="level3-services",
        name_vi="Số dịch vụ hành chính công trực tuyến mức độ 3",
        name_en="Level-3 online public administrative services",
        unit="count",
        unit_label="dịch vụ",
        aggregation="sum",
        category="public_services",
        description="Số dịch vụ hành chính công trực tuyến mức độ 3 được cung cấp trên cổng thông tin điện tử tỉnh.",
        source_file=PHU_THO_CONFERENCE_FILE,
        position=13,
    ),
    IndicatorRecord(
        code="agencies-internet",
        name_vi="Tỷ lệ cơ quan Đảng, chính quyền, đoàn thể kết nối internet",
        name_en="Share of Party, government and mass-organisation agencies connected to the internet",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số cơ quan Đảng, chính quyền, đoàn thể kết nối internet",
        denominator_label="Tổng số cơ quan Đảng, chính quyền, đoàn thể",
        category="party_state",
        description="Phần trăm số cơ quan Đảng, chính quyền, đoàn thể trên địa bàn tỉnh được kết nối internet.",
        source_file=THAI_NGUYEN_DIRECTIVE_FILE,
        position=14,
    ),
)


# Indicators of the national 2025 targets (DOMAIN.md §7.1–7.2): what a province reports of them.
NATIONAL_2025_INDICATORS = (
    IndicatorRecord(
        code="services-fully-online",
        name_vi="Tỷ lệ dịch vụ công trực tuyến mức độ 4 (toàn trình)",
        name_en="Share of online public services provided fully online (level 4)",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số dịch vụ công trực tuyến mức độ 4",
        denominator_label="Tổng số dịch vụ công của tỉnh",
        category="public_services",
        description="Phần trăm số dịch vụ công của tỉnh được cung cấp trực tuyến mức độ 4 (toàn trình).",
        source_file=PAGE_749,
        position=15,
    ),
    IndicatorRecord(
        code="records-online-province",
        name_vi="Tỷ lệ hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng",
        name_en="Share of province-level work records handled online",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng",
        denominator_label="Tổng số hồ sơ công việc cấp tỉnh",
        category="party_state",
        description="Phần trăm số hồ sơ công việc của các cơ quan cấp tỉnh được xử lý trên môi trường mạng.",
        source_file=PAGE_749_RECORDS,
        position=16,
    ),
    IndicatorRecord(
        code="records-online-commune",
        name_vi="Tỷ lệ hồ sơ công việc cấp xã được xử lý trên môi trường mạng",
        name_en="Share of commune-level work records handled online",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số hồ sơ công việc cấp xã được xử lý trên môi trường mạng",
        denominator_label="Tổng số hồ sơ công việc cấp xã",
        category="party_state",
        description="Phần trăm số hồ sơ công việc của UBND cấp xã trên địa bàn tỉnh được xử lý trên môi trường mạng.",
        source_file=PAGE_749_RECORDS,
        position=17,
    ),
    IndicatorRecord(
        code="households-fibre",
        name_vi="Tỷ lệ hộ gia đình có kết nối băng rộng cáp quang",
        name_en="Share of households with fibre broadband",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số hộ gia đình có kết nối băng rộng cáp quang",
        denominator_label="Tổng số hộ gia đình",
        category="infrastructure",
        description="Phần trăm số hộ gia đình trên địa bàn tỉnh có kết nối Internet băng rộng cáp quang.",
        source_file=PAGE_749_FIBRE,
        position=18,
    ),
    IndicatorRecord(
        code="communes-fibre",
        name_vi="Tỷ lệ xã có kết nối băng rộng cáp quang",
        name_en="Share of communes with fibre broadband",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số xã, phường, thị trấn có kết nối băng rộng cáp quang",
        denominator_label="Tổng số xã, phường, thị trấn",
        category="infrastructure",
        description="Phần trăm số đơn vị hành chính cấp xã của tỉnh có kết nối Internet băng rộng cáp quang.",
        source_file=PAGE_749_FIBRE,
        position=19,
    ),
    IndicatorRecord(
        code="documents-signed-online",
        name_vi="Tỷ lệ văn bản trao đổi giữa các cơ quan nhà nước dưới dạng điện tử, có ký số",
        name_en="Share of documents exchanged between state agencies electronically and digitally signed",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số văn bản trao đổi dưới dạng điện tử, có ký số",
        denominator_label="Tổng số văn bản trao đổi giữa các cơ quan nhà nước (trừ văn bản mật)",
        category="party_state",
        description=(
            "Phần trăm số văn bản (trừ văn bản mật) các cơ quan nhà nước của tỉnh trao đổi với nhau dưới dạng "
            "điện tử và được ký số."
        ),
        source_file=PAGE_942,
        position=20,
    ),
    IndicatorRecord(
        code="records-online-district",
        name_vi="Tỷ lệ hồ sơ công việc cấp huyện được xử lý trên môi trường mạng",
        name_en="Share of district-level work records handled online",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số hồ sơ công việc cấp huyện được xử lý trên môi trường mạng",
        denominator_label="Tổng số hồ sơ công việc cấp huyện",
        category="party_state",
        description=(
            "Phần trăm số hồ sơ công việc của UBND cấp huyện trên địa bàn tỉnh được xử lý trên môi trường mạng "
            "(cấp huyện có đến 30/6/2025)."
        ),
        source_file=PAGE_749_RECORDS,
        position=21,
    ),
    IndicatorRecord(
        code="reporting-regimes-connected",
        name_vi="Tỷ lệ chế độ báo cáo được kết nối, tích hợp với Hệ thống thông tin báo cáo",
        name_en="Share of reporting regimes connected to the reporting information system",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số chế độ báo cáo được kết nối, tích hợp",
        denominator_label="Tổng số chế độ báo cáo định kỳ",
        category="party_state",
        description=(
            "Phần trăm số chế độ báo cáo định kỳ của tỉnh được kết nối, tích hợp, chia sẻ dữ liệu với Hệ thống "
            "thông tin báo cáo Chính phủ."
        ),
        source_file=PAGE_749_RECORDS,
        position=22,
    ),
    IndicatorRecord(
        code="agencies-online-24-7",
        name_vi="Tỷ lệ cơ quan nhà nước phục vụ người dân, doanh nghiệp trực tuyến 24/7",
        name_en="Share of state agencies serving people and businesses online 24/7",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số cơ quan nhà nước phục vụ trực tuyến 24/7",
        denominator_label="Tổng số cơ quan nhà nước",
        category="public_services",
        description=(
            "Phần trăm số cơ quan nhà nước của tỉnh cung cấp dịch vụ trực tuyến cho người dân, doanh nghiệp mọi "
            "lúc (24/7)."
        ),
        source_file=PAGE_942,
        position=23,
    ),
    IndicatorRecord(
        code="officials-digital-id",
        name_vi="Tỷ lệ cán bộ, công chức, viên chức có định danh số",
        name_en="Share of civil servants holding a digital identifier",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số cán bộ, công chức, viên chức có định danh số",
        denominator_label="Tổng số cán bộ, công chức, viên chức",
        category="human_resources",
        description="Phần trăm số cán bộ, công chức, viên chức của tỉnh được cấp định danh số.",
        source_file=PAGE_942,
        position=24,
    ),
    IndicatorRecord(
        code="training-online",
        name_vi="Tỷ lệ nội dung đào tạo, bồi dưỡng, thi nâng ngạch được thực hiện trực tuyến",
        name_en="Share of training and promotion-exam content delivered online",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số nội dung đào tạo, bồi dưỡng, thi nâng ngạch thực hiện trực tuyến",
        denominator_label="Tổng số nội dung đào tạo, bồi dưỡng, thi nâng ngạch",
        category="human_resources",
        description=(
            "Phần trăm nội dung đào tạo, bồi dưỡng, thi nâng ngạch công chức, viên chức của tỉnh được thực hiện "
            "trực tuyến."
        ),
        source_file=PAGE_942,
        position=25,
    ),
    IndicatorRecord(
        code="records-electronic",
        name_vi="Tỷ lệ hồ sơ được tạo lập, lưu trữ, chia sẻ dưới dạng điện tử",
        name_en="Share of records created, kept and shared electronically",
        unit="percent",
        aggregation="ratio",
        numerator_label="Số hồ sơ tạo lập, lưu trữ, chia sẻ dưới dạng điện tử",
        denominator_label="Tổng số hồ sơ",
        category="party_state",
        description=(
            "Phần trăm số hồ sơ của các cơ quan nhà nước của tỉnh được tạo lập, lưu trữ và chia sẻ dưới dạng điện tử."
        ),
        source_file=PAGE_942,
        position=26,
    ),
    IndicatorRecord(
        code="digital-economy-gdp",
        name_vi="Tỷ trọng kinh tế số trong GDP",
        name_en="Digital economy share of GDP",
        unit="percent",
        aggregation="none",
        category="industry",
        description=(
            "Phần trăm giá trị kinh tế số trong tổng sản phẩm trong nước (GDP) của cả nước; không có số liệu cấp tỉnh."
        ),
        source_file=PAGE_749_ECONOMY,
        position=27,
        national_only=True,
    ),
    IndicatorRecord(
        code="digital-economy-sector-share",
        name_vi="Tỷ trọng kinh tế số trong từng ngành, lĩnh vực (ngành thấp nhất)",
        name_en="Digital economy share in each sector (the lowest sector)",
        unit="percent",
        aggregation="none",
        category="industry",
        description=(
            "Tỷ trọng kinh tế số của ngành, lĩnh vực có tỷ trọng thấp nhất trong nền kinh tế cả nước; không có số "
            "liệu cấp tỉnh."
        ),
        source_file=PAGE_749_ECONOMY,
        position=28,
        national_only=True,
    ),
    IndicatorRecord(
        code="egdi-rank",
        name_vi="Thứ hạng Chỉ số phát triển Chính phủ điện tử (EGDI) của Liên hợp quốc",
        name_en="Rank in the UN E-Government Development Index (EGDI)",
        unit="count",
        aggregation="none",
        category="public_services",
        description=(
            "Thứ hạng của Việt Nam trong Chỉ số phát triển Chính phủ điện tử của Liên hợp quốc (càng thấp càng "
            "tốt); không có số liệu cấp tỉnh."
        ),
        source_file=PAGE_749_RECORDS,
        position=29,
        unit_label="hạng",
        unit_label_en="rank",
        direction="lower",
        national_only=True,
    ),
)
INDICATORS = INDICATORS + NATIONAL_2025_INDICATORS

# Which indicators measure which task: (directive slug, section, task number) -> indicator codes.
# A link is made only where the task's text clearly covers what the indicator counts.
TASK_INDICATORS = {
    # 24-CT/TU task 2 develops the province's information network down to communes, villages and
    # hamlets, the e-government model and services for the people: LANs in agencies and departments, the
    # commune WAN and broadband, ICT services reaching communes, online administrative services and the
    # density of computers are what such a network is made of and delivers.
    (LAO_CAI_24, TASK, "2"): (
        "units-with-lan",
        "departments-lan",
        "commune-offices-wan",
        "commune-pc-broadband",
        "communes-ict-services",
        "admin-services-online",
        "level3-services",
        "computers-per-100",
    ),
    # 24-CT/TU task 3 spreads ICT skills and use to "doanh nghiệp và các tầng lớp nhân dân":
    # households with a computer and enterprises on the internet.
    (LAO_CAI_24, TASK, "3"): ("households-with-computer", "enterprises-internet"),
    # 24-CT/TU task 5 trains "cán bộ, công chức, viên chức" in ICT skills: commune officials who have a
    # computer to work with.
    (LAO_CAI_24, TASK, "5"): ("commune-officials-computer",),
    # 24-CT/TU task 7 secures investment in ICT infrastructure: the stock of computers in use.
    (LAO_CAI_24, TASK, "7"): ("computers",),
    # Thái Nguyên task 3 states the target itself ("100% cơ quan Đảng chính quyền đoàn thể được kết nối
    # internet"), and asks for the Party's and the Government's wide area network and shared
    # infrastructure "từ tỉnh đến cơ sở" and public internet access points.
    (THAI_NGUYEN_58, TASK, "3"): (
        "agencies-internet",
        "party-agencies-lan",
        "commune-offices-wan",
        "communes-ict-services",
    ),
    # Bình Thuận notice 2.b: ICT in Party and State agencies (networked work between levels), the
    # provincial portal's services, and ICT in enterprises.
    (BINH_THUAN_NOTICE, TASK, "2.b"): ("units-with-lan", "enterprises-internet", "admin-services-online"),
    # Bình Thuận notice task 3: internet for the commune post offices ("Bưu điện văn hóa xã") to serve
    # the people: ICT services and broadband reaching communes.
    (BINH_THUAN_NOTICE, TASK, "3"): ("communes-ict-services", "commune-pc-broadband"),
}

# ---------------------------------------------------------------------------------------------
# Targets. No document states a baseline value for any of them, so none is recorded. Phú Thọ's
# were set at the 10-year review against its results "after 10 years" of 58-CT/TW (dated 2010,
# see the measurements below), so 2010 is their baseline year; the value is then the figure
# reported for 2010 (or the earliest before it), as the progress status defines.
# ---------------------------------------------------------------------------------------------

TARGETS = (
    # 003: "Một số chỉ tiêu giai đoạn 2011 – 2020" (Phú Thọ). The WAN bullet has no year of its own, so
    # its deadline is the end of the period.
    TargetRecord(
        indicator="commune-offices-wan",
        province=PHU_THO,
        deadline_year=2020,
        value=Decimal("100"),
        subject="Văn phòng Đảng ủy, UBND xã, phường, thị trấn",
        note="Chỉ tiêu giai đoạn 2011–2020",
        source_file=PHU_THO_CONFERENCE_FILE,
        baseline_year=2010,
    ),
    TargetRecord(
        indicator="departments-lan",
        province=PHU_THO,
        deadline_year=2011,
        value=Decimal("100"),
        subject="các sở, ban, ngành; UBND các huyện, thành, thị",
        note="Đến hết năm 2011",
        source_file=PHU_THO_CONFERENCE_FILE,
        baseline_year=2010,
    ),
    TargetRecord(
        indicator="commune-pc-broadband",
        province=PHU_THO,
        deadline_year=2015,
        value=Decimal("100"),
        subject="UBND các xã, phường, thị trấn",
        note="Đến hết năm 2015",
        source_file=PHU_THO_CONFERENCE_FILE,
        baseline_year=2010,
    ),
    TargetRecord(
        indicator="commune-officials-computer",
        province=PHU_THO,
        deadline_year=2015,
        value=Decimal("80"),
        subject="cán bộ công chức cấp xã",
        note="Đến hết năm 2015",
        source_file=PHU_THO_CONFERENCE_FILE,
        baseline_year=2010,
    ),
    # "Xây dựng 10 – 15 dịch vụ": the lower bound is the value to meet.
    TargetRecord(
        indicator="level3-services",
        province=PHU_THO,
        deadline_year=2015,
        value=Decimal("10"),
        subject="",
        note="10–15 dịch vụ mức độ 3 trên Cổng Giao tiếp điện tử tỉnh, giai đoạn 2011–2015",
        source_file=PHU_THO_CONFERENCE_FILE,
        baseline_year=2010,
    ),
    # 000, task 3: "phấn đấu đến năm 2015, 100% cơ quan Đảng chính quyền đoàn thể được kết nối internet".
    TargetRecord(
        indicator="agencies-internet",
        province=THAI_NGUYEN,
        deadline_year=2015,
        value=Decimal("100"),
        subject="cơ quan Đảng, chính quyền, đoàn thể",
        note="Phấn đấu đến năm 2015",
        source_file=THAI_NGUYEN_DIRECTIVE_FILE,
        directive=THAI_NGUYEN_58,
    ),
)

# National targets for 2025 (DOMAIN.md §7.1–7.2): as the pages state them, national (they apply to
# every province, being shares), naming the decision; the deadline is the end of 2025. No page
# states a baseline: the plan starts at the decision's period start.
NATIONAL_TARGETS = (
    TargetRecord(
        indicator="services-fully-online",
        province=None,
        deadline_year=2025,
        value=Decimal("80"),
        subject="",
        note=(
            "Quyết định 749/QĐ-TTg, mục tiêu đến năm 2025: 80% dịch vụ công trực tuyến mức độ 4, được cung cấp "
            "trên nhiều phương tiện truy cập khác nhau, bao gồm cả thiết bị di động. Đọc tại " + PAGE_749 + "."
        ),
        source_file=PAGE_749,
        directive=DECISION_749,
    ),
    TargetRecord(
        indicator="records-online-province",
        province=None,
        deadline_year=2025,
        value=Decimal("90"),
        subject="",
        note=(
            "Quyết định 749/QĐ-TTg (và 942/QĐ-TTg), mục tiêu đến năm 2025: 90% hồ sơ công việc tại cấp bộ, tỉnh "
            "được xử lý trên môi trường mạng. Đọc tại " + PAGE_749_RECORDS + "."
        ),
        source_file=PAGE_749_RECORDS,
        directive=DECISION_749,
    ),
    TargetRecord(
        indicator="records-online-commune",
        province=None,
        deadline_year=2025,
        value=Decimal("60"),
        subject="",
        note=(
            "Quyết định 749/QĐ-TTg (và 942/QĐ-TTg), mục tiêu đến năm 2025: 60% hồ sơ công việc tại cấp xã được "
            "xử lý trên môi trường mạng. Đọc tại " + PAGE_749_RECORDS + "."
        ),
        source_file=PAGE_749_RECORDS,
        directive=DECISION_749,
    ),
    # "trên 80%": more than 80, so 80 itself does not meet it (strict).
    TargetRecord(
        indicator="households-fibre",
        province=None,
        deadline_year=2025,
        value=Decimal("80"),
        strict=True,
        subject="",
        note=(
            "Quyết định 749/QĐ-TTg, mục tiêu đến năm 2025: hạ tầng mạng băng rộng cáp quang phủ trên 80% hộ gia "
            "đình. Đọc tại " + PAGE_749_FIBRE + "."
        ),
        source_file=PAGE_749_FIBRE,
        directive=DECISION_749,
    ),
    TargetRecord(
        indicator="communes-fibre",
        province=None,
        deadline_year=2025,
        value=Decimal("100"),
        subject="",
        note=(
            "Quyết định 749/QĐ-TTg, mục tiêu đến năm 2025: hạ tầng mạng băng rộng cáp quang phủ 100% xã. Đọc tại "
            + PAGE_749_FIBRE
            + "."
        ),
        source_file=PAGE_749_FIBRE,
        directive=DECISION_749,
    ),
    TargetRecord(
        indicator="documents-signed-online",
        province=None,
        deadline_year=2025,
        value=Decimal("100"),
        subject="",
        note=(
            "Quyết định 942/QĐ-TTg, mục tiêu đến năm 2025: 100% văn bản trao đổi giữa các cơ quan nhà nước (trừ "
            "văn bản mật) dưới dạng điện tử, được ký số. Đọc tại " + PAGE_942 + "."
        ),
        source_file=PAGE_942,
        directive=DECISION_942,
    ),
    TargetRecord(
        indicator="records-online-district",
        province=None,
        deadline_year=2025,
        value=Decimal("80"),
        subject="",
        note=(
            "Quyết định 749/QĐ-TTg (và 942/QĐ-TTg), mục tiêu đến năm 2025: 80% hồ sơ công việc tại cấp huyện được "
            "xử lý trên môi trường mạng. Đọc tại " + PAGE_749_RECORDS + "."
        ),
        source_file=PAGE_749_RECORDS,
        directive=DECISION_749,
    ),
    TargetRecord(
        indicator="reporting-regimes-connected",
        province=None,
        deadline_year=2025,
        value=Decimal("100"),
        subject="",
        note=(
            "Quyết định 749/QĐ-TTg, mục tiêu đến năm 2025: 100% chế độ báo cáo được kết nối với Hệ thống thông "
            "tin báo cáo Chính phủ. Đọc tại " + PAGE_749_RECORDS + "."
        ),
        source_file=PAGE_749_RECORDS,
        directive=DECISION_749,
    ),
    TargetRecord(
        indicator="digital-economy-gdp",
        province=None,
        deadline_year=2025,
        value=Decimal("20"),
        subject="",
        note=(
            "Quyết định 749/QĐ-TTg, mục tiêu đến năm 2025: kinh tế số chiếm 20% GDP. Đọc tại " + PAGE_749_ECONOMY + "."
        ),
        source_file=PAGE_749_ECONOMY,
        directive=DECISION_749,
    ),
    TargetRecord(
        indicator="digital-economy-sector-share",
        province=None,
        deadline_year=2025,
        value=Decimal("10"),
        subject="",
        note=(
            "Quyết định 749/QĐ-TTg, mục tiêu đến năm 2025: tỷ trọng kinh tế số trong từng ngành, lĩnh vực đạt tối "
            "thiểu 10%. Đọc tại " + PAGE_749_ECONOMY + "."
        ),
        source_file=PAGE_749_ECONOMY,
        directive=DECISION_749,
    ),
    TargetRecord(
        indicator="egdi-rank",
        province=None,
        deadline_year=2025,
        value=Decimal("70"),
        subject="",
        note=(
            "Quyết định 749/QĐ-TTg, mục tiêu đến năm 2025: Việt Nam thuộc nhóm 70 nước dẫn đầu về Chỉ số phát "
            "triển Chính phủ điện tử (EGDI) của Liên hợp quốc (cũng đọc tại thukyluat.vn). Đọc tại "
            + PAGE_749_RECORDS
            + "."
        ),
        source_file=PAGE_749_RECORDS,
        directive=DECISION_749,
    ),
    TargetRecord(
        indicator="egdi-rank",
        province=None,
        deadline_year=2030,
        value=Decimal("50"),
        subject="",
        note=(
            "Quyết định 749/QĐ-TTg, định hướng đến năm 2030: Việt Nam thuộc nhóm 50 nước dẫn đầu về Chỉ số phát "
            "triển Chính phủ điện tử (EGDI) của Liên hợp quốc (cũng đọc tại thukyluat.vn). Đọc tại "
            + PAGE_749_RECORDS
            + "."
        ),
        source_file=PAGE_749_RECORDS,
        directive=DECISION_749,
    ),
    TargetRecord(
        indicator="agencies-online-24-7",
        province=None,
        deadline_year=2025,
        value=Decimal("100"),
        subject="",
        note=(
            "Quyết định 942/QĐ-TTg, mục tiêu đến năm 2025: 100% cơ quan nhà nước phục vụ người dân, doanh nghiệp "
            "trực tuyến 24/7. Đọc tại " + PAGE_942 + "."
        ),
        source_file=PAGE_942,
        directive=DECISION_942,
    ),
    TargetRecord(
        indicator="officials-digital-id",
        province=None,
        deadline_year=2025,
        value=Decimal("100"),
        subject="",
        note=(
            "Quyết định 942/QĐ-TTg, mục tiêu đến năm 2025: 100% cán bộ, công chức, viên chức có định danh số. Đọc tại "
            + PAGE_942
            + "."
        ),
        source_file=PAGE_942,
        directive=DECISION_942,
    ),
    TargetRecord(
        indicator="training-online",
        province=None,
        deadline_year=2025,
        value=Decimal("70"),
        subject="",
        note=(
            "Quyết định 942/QĐ-TTg, mục tiêu đến năm 2025: tối thiểu 70% nội dung đào tạo, bồi dưỡng, thi nâng "
            "ngạch được thực hiện trực tuyến. Đọc tại " + PAGE_942 + "."
        ),
        source_file=PAGE_942,
        directive=DECISION_942,
    ),
    TargetRecord(
        indicator="records-electronic",
        province=None,
        deadline_year=2025,
        value=Decimal("100"),
        subject="",
        note=(
            "Quyết định 942/QĐ-TTg, mục tiêu đến năm 2025: 100% hồ sơ được tạo lập, lưu trữ, chia sẻ dưới dạng "
            "điện tử. Đọc tại " + PAGE_942 + "."
        ),
        source_file=PAGE_942,
        directive=DECISION_942,
    ),
)
TARGETS = TARGETS + NATIONAL_TARGETS

# ---------------------------------------------------------------------------------------------
# Measurements: Phú Thọ's results "qua 10 năm thực hiện Chỉ thị 58" (003). The document states no
# numerator or denominator for any of them.
# ---------------------------------------------------------------------------------------------

PHU_THO_SOURCE = "Hội nghị tổng kết 10 năm thực hiện Chỉ thị 58-CT/TW, tỉnh Phú Thọ"
PHU_THO_YEAR = 2010
PHU_THO_YEAR_NOTE = (
    "Văn bản không ghi năm của số liệu, chỉ nêu kết quả “qua 10 năm thực hiện Chỉ thị 58”; Chỉ thị "
    "58-CT/TW ban hành ngày 17/10/2000, nên năm được xác định là 2000 + 10 = 2010."
)


def _phu_tho(indicator, value, note=""):
    return MeasurementRecord(
        indicator=indicator,
        province=PHU_THO,
        year=PHU_THO_YEAR,
        value=Decimal(value),
        note=note,
        source=PHU_THO_SOURCE,
        source_file=PHU_THO_CONFERENCE_FILE,
        year_note=PHU_THO_YEAR_NOTE,
    )


MEASUREMENTS = (
    _phu_tho("computers", "55802", note="Văn bản ghi “ước đạt 55.802 máy”."),
    _phu_tho("households-with-computer", "30670", note="Văn bản ghi “khoảng 30.670 hộ”."),
    _phu_tho("computers-per-100", "5.5"),
    _phu_tho("admin-services-online", "95.4"),
    _phu_tho("units-with-lan", "89.1"),
    _phu_tho("enterprises-internet", "85"),
    _phu_tho("communes-ict-services", "99"),
    _phu_tho("party-agencies-lan", "100"),
)


# ---------------------------------------------------------------------------------------------
# English. The documents are in Vietnamese only: every English text below is our translation, written
# for the English pages (``provinces.text.local_text``). Task texts stay untranslated quotations.
# ---------------------------------------------------------------------------------------------

POLITBURO = "Politburo"
PRIME_MINISTER = "Prime Minister"

DIRECTIVES_EN = {
    "58-ct-tw": (
        "Promoting the application and development of information technology in service of "
        "industrialisation and modernisation",
        POLITBURO,
    ),
    "36-nq-tw": (
        "Promoting the application and development of information technology to meet the needs of "
        "sustainable development and international integration",
        POLITBURO,
    ),
    "749-qd-ttg": (
        "Approving the National Digital Transformation Programme to 2025, with a vision to 2030",
        PRIME_MINISTER,
    ),
    "942-qd-ttg": (
        "Approving the Strategy for developing e-Government towards digital Government for 2021–2025, "
        "with a vision to 2030",
        PRIME_MINISTER,
    ),
    "24-ct-tu-lao-cai": (
        "Promoting and developing the application of information technology in Lào Cai province",
        "Lào Cai Provincial Party Committee",
    ),
    "thai-nguyen-tiep-tuc-58-ct-tw": (
        "Continuing the effective implementation of the Politburo's Directive 58-CT/TW and promoting the "
        "application and development of information and communication technology in the province for "
        "2010–2015, with a vision to 2020",
        "Standing Board of the Thái Nguyên Provincial Party Committee",
    ),
    "978-qd-ubnd-thai-nguyen": (
        "Establishing the Thái Nguyên Provincial Steering Committee for IT Application",
        "Thái Nguyên Provincial People's Committee",
    ),
    "ke-hoach-cntt-thai-nguyen-2014-2015": (
        "Application and development of IT in Thái Nguyên province for 2014–2015, with a vision to 2020",
        "Thái Nguyên Provincial Steering Committee for IT Application",
    ),
    "03-nq-tu-binh-thuan": (
        "Developing postal services, telecommunications and information technology to 2010",
        "Standing Board of the Bình Thuận Provincial Party Committee",
    ),
    "17-kl-tu-binh-thuan": (
        "Conclusion No. 17-KL/TU of the Provincial Party Committee, whose implementation the Standing "
        "Office's notice of conclusions of 22/4/2008 follows (its content is not in the source documents)",
        "Bình Thuận Provincial Party Committee",
    ),
    BINH_THUAN_NOTICE: (
        "Conclusions of the Standing Office of the Provincial Party Committee at its working session with "
        "the Department of Information and Communications on the 2008 tasks under Conclusion No. 17-KL/TU",
        "Standing Office of the Bình Thuận Provincial Party Committee",
    ),
}

# (directive, section, number): the task's English title.
TASK_TITLES_EN = {
    ("24-ct-tu-lao-cai", TASK, "1"): "Leadership, direction and communication",
    ("24-ct-tu-lao-cai", TASK, "2"): "Information network down to communes; e-government",
    ("24-ct-tu-lao-cai", TASK, "3"): "IT for agriculture and rural areas",
    ("24-ct-tu-lao-cai", TASK, "4"): "Education and health",
    ("24-ct-tu-lao-cai", TASK, "5"): "IT human resources",
    ("24-ct-tu-lao-cai", TASK, "6"): "State management of IT",
    ("24-ct-tu-lao-cai", TASK, "7"): "Resources and investment",
    ("24-ct-tu-lao-cai", TASK, "8"): "IT services and industry",
    ("24-ct-tu-lao-cai", TASK, "9"): "Implementation and reporting",
    ("thai-nguyen-tiep-tuc-58-ct-tw", TASK, "1"): "Lead effective communication work",
    ("thai-nguyen-tiep-tuc-58-ct-tw", TASK, "2"): "Training and developing human resources",
    (
        "thai-nguyen-tiep-tuc-58-ct-tw",
        TASK,
        "3",
    ): "Promoting the application of information and communication technology",
    ("thai-nguyen-tiep-tuc-58-ct-tw", TASK, "4"): "Developing information and communication technology",
    ("thai-nguyen-tiep-tuc-58-ct-tw", TASK, "5"): "State management",
    ("thai-nguyen-tiep-tuc-58-ct-tw", TASK, "6"): "A province-wide programme for ICT application and development",
    ("thai-nguyen-tiep-tuc-58-ct-tw", TASK, "7"): "Following up the directive and reporting to the Standing Board",
    (BINH_THUAN_NOTICE, TASK, "1"): "Stabilising the Department's organisation and staff",
    (BINH_THUAN_NOTICE, TASK, "2"): "Continuing to implement Resolution 03-NQ/TU",
    (BINH_THUAN_NOTICE, TASK, "2.a"): "Building the workforce",
    (BINH_THUAN_NOTICE, TASK, "2.b"): "Promoting the application of information technology",
    (BINH_THUAN_NOTICE, TASK, "3"): "Developing IT and telecommunications at the grassroots",
    (BINH_THUAN_NOTICE, TASK, "4"): "State management of IT, postal services and telecommunications",
    (BINH_THUAN_NOTICE, TASK, "5"): "Information and publicity",
    (BINH_THUAN_NOTICE, TASK, "6"): "Two-year review of Resolution 03-NQ/TU",
    (BINH_THUAN_NOTICE, RECOMMENDATION, "1"): "Organisation and staffing",
    (BINH_THUAN_NOTICE, RECOMMENDATION, "2"): "Financial matters",
    (BINH_THUAN_NOTICE, RECOMMENDATION, "3"): "State management of the internet",
    (BINH_THUAN_NOTICE, RECOMMENDATION, "4"): (
        "Rules for coordinating the leadership and management of the local press"
    ),
}

# code: (unit label, numerator, denominator) in English.
INDICATORS_EN = {
    "computers": ("computers", "", ""),
    "households-with-computer": ("households", "", ""),
    "computers-per-100": ("computers per 100 inhabitants", "Number of computers", "Population"),
    "admin-services-online": (
        "",
        "Public administrative services provided on the internet",
        "All public administrative services",
    ),
    "units-with-lan": ("", "Units with a local area network (LAN)", "All units"),
    "enterprises-internet": ("", "Enterprises connected to the internet", "All enterprises"),
    "communes-ict-services": (
        "",
        "Communes, wards and villages provided with ICT services",
        "All communes, wards and villages",
    ),
    "party-agencies-lan": (
        "",
        "Party agencies at provincial and district level with a LAN",
        "All Party agencies at provincial and district level",
    ),
    "commune-offices-wan": (
        "",
        "Commune Party committee and People's Committee offices on the wide area network (WAN)",
        "All commune Party committee and People's Committee offices",
    ),
    "departments-lan": (
        "",
        "Provincial departments and district People's Committees with a LAN",
        "All provincial departments and district People's Committees",
    ),
    "commune-pc-broadband": (
        "",
        "Commune People's Committees with high-speed internet",
        "All commune People's Committees",
    ),
    "commune-officials-computer": (
        "",
        "Commune officials and civil servants with a computer for work",
        "All commune officials and civil servants",
    ),
    "level3-services": ("services", "", ""),
    "agencies-internet": (
        "",
        "Party, government and mass-organisation agencies connected to the internet",
        "All Party, government and mass-organisation agencies",
    ),
    "services-fully-online": ("", "Level-4 online public services", "All public services of the province"),
    "records-online-province": (
        "",
        "Province-level work records handled online",
        "All province-level work records",
    ),
    "records-online-commune": ("", "Commune-level work records handled online", "All commune-level work records"),
    "households-fibre": ("", "Households with fibre broadband", "All households"),
    "communes-fibre": (
        "",
        "Communes, wards and townships with fibre broadband",
        "All communes, wards and townships",
    ),
    "documents-signed-online": (
        "",
        "Documents exchanged electronically and digitally signed",
        "All documents exchanged between state agencies (except classified ones)",
    ),
    "records-online-district": ("", "District-level work records handled online", "All district-level work records"),
    "reporting-regimes-connected": ("", "Reporting regimes connected and integrated", "All periodic reporting regimes"),
    "agencies-online-24-7": ("", "State agencies serving online 24/7", "All state agencies"),
    "officials-digital-id": ("", "Civil servants with a digital identifier", "All civil servants"),
    "training-online": (
        "",
        "Training and promotion-exam content delivered online",
        "All training and promotion-exam content",
    ),
    "records-electronic": ("", "Records created, kept and shared electronically", "All records"),
    "digital-economy-gdp": ("", "", ""),
    "digital-economy-sector-share": ("", "", ""),
    "egdi-rank": ("rank", "", ""),
}

# code: the definition in English.
DESCRIPTIONS_EN = {
    "computers": "Total number of computers in use in the province.",
    "households-with-computer": "Number of households in the province with at least one computer.",
    "computers-per-100": "Computer density: computers in use per 100 inhabitants of the province.",
    "admin-services-online": "Percentage of the province's public administrative services provided on the internet.",
    "units-with-lan": "Percentage of agencies and units in the province with a local area network (LAN).",
    "enterprises-internet": "Percentage of enterprises in the province connected to the internet.",
    "communes-ict-services": "Percentage of the province's communes, wards and villages provided with IT services.",
    "party-agencies-lan": "Percentage of Party agencies from provincial to district level with a local area network "
    "(LAN).",
    "commune-offices-wan": "Percentage of offices of commune, ward and township Party committees and People's "
    "Committees connected to the Party agencies over the wide area network (WAN).",
    "departments-lan": "Percentage of the province's departments and agencies and of district, city and town People's "
    "Committees with a LAN.",
    "commune-pc-broadband": "Percentage of commune, ward and township People's Committees with high-speed internet.",
    "commune-officials-computer": "Percentage of commune-level officials and civil servants with a computer to work "
    "on.",
    "level3-services": "Number of level-3 online public administrative services provided on the provincial e-portal.",
    "agencies-internet": "Percentage of Party, government and mass-organisation agencies in the province connected to "
    "the internet.",
    "services-fully-online": "Percentage of the province's public services provided online at level 4 (fully online).",
    "records-online-province": "Percentage of work records of provincial agencies handled online.",
    "records-online-commune": "Percentage of work records of commune People's Committees in the province handled "
    "online.",
    "households-fibre": "Percentage of households in the province with fibre broadband internet.",
    "communes-fibre": "Percentage of the province's commune-level administrative units with fibre broadband internet.",
    "documents-signed-online": "Percentage of documents (except classified ones) exchanged between the province's "
    "state agencies in electronic form and digitally signed.",
    "records-online-district": "Percentage of work records of district People's Committees in the province handled "
    "online (districts existed until 30/06/2025).",
    "reporting-regimes-connected": "Percentage of the province's periodic reporting regimes connected, integrated and "
    "sharing data with the Government's reporting information system.",
    "agencies-online-24-7": "Percentage of the province's state agencies serving people and businesses online at "
    "any time (24/7).",
    "officials-digital-id": "Percentage of the province's civil servants and public employees holding a digital "
    "identifier.",
    "training-online": "Percentage of the province's training, refresher and promotion-exam content for civil "
    "servants delivered online.",
    "records-electronic": "Percentage of records of the province's state agencies created, kept and shared in "
    "electronic form.",
    "digital-economy-gdp": "Share of the digital economy in the country's gross domestic product (GDP); there is no "
    "provincial figure.",
    "digital-economy-sector-share": "Share of the digital economy in the sector where it is lowest, nationwide; there "
    "is no provincial figure.",
    "egdi-rank": "Viet Nam's rank in the UN E-Government Development Index (lower is better); there is no provincial "
    "figure.",
}

BY_END_OF_2015 = "By the end of 2015"

# (indicator, province, deadline year): (subject, note) in English.
TARGETS_EN = {
    ("commune-offices-wan", PHU_THO, 2020): (
        "offices of commune, ward and township Party committees and People's Committees",
        "Target for 2011–2020",
    ),
    ("departments-lan", PHU_THO, 2011): (
        "provincial departments and agencies; district, city and town People's Committees",
        "By the end of 2011",
    ),
    ("commune-pc-broadband", PHU_THO, 2015): ("commune, ward and township People's Committees", BY_END_OF_2015),
    ("commune-officials-computer", PHU_THO, 2015): ("commune officials and civil servants", BY_END_OF_2015),
    ("level3-services", PHU_THO, 2015): (
        "",
        "10–15 level-3 services on the provincial e-portal, 2011–2015",
    ),
    ("agencies-internet", THAI_NGUYEN, 2015): (
        "Party, government and mass-organisation agencies",
        "To strive for by 2015",
    ),
    ("services-fully-online", None, 2025): (
        "",
        "Decision 749/QĐ-TTg, target for 2025: 80% of online public services at level 4, provided on many "
        f"means of access, mobile devices included. Read at {PAGE_749}.",
    ),
    ("records-online-province", None, 2025): (
        "",
        "Decision 749/QĐ-TTg (and 942/QĐ-TTg), target for 2025: 90% of work records at ministry and "
        f"province level handled online. Read at {PAGE_749_RECORDS}.",
    ),
    ("records-online-commune", None, 2025): (
        "",
        "Decision 749/QĐ-TTg (and 942/QĐ-TTg), target for 2025: 60% of work records at commune level "
        f"handled online. Read at {PAGE_749_RECORDS}.",
    ),
    ("households-fibre", None, 2025): (
        "",
        "Decision 749/QĐ-TTg, target for 2025: fibre broadband infrastructure covering over 80% of "
        "households. Read at thukyluat.vn (item 75497).",
    ),
    ("communes-fibre", None, 2025): (
        "",
        "Decision 749/QĐ-TTg, target for 2025: fibre broadband infrastructure covering 100% of communes. "
        "Read at thukyluat.vn (item 75497).",
    ),
    ("documents-signed-online", None, 2025): (
        "",
        "Decision 942/QĐ-TTg, target for 2025: 100% of documents exchanged between state agencies (except "
        "classified ones) in electronic form and digitally signed. Read at lawnet.vn (new-documents "
        "notice, item 104274).",
    ),
    ("records-online-district", None, 2025): (
        "",
        "Decision 749/QĐ-TTg (and 942/QĐ-TTg), target for 2025: 80% of district-level work records handled "
        "online. Read at moj.gov.vn (qt/tintuc, ItemID=3097).",
    ),
    ("reporting-regimes-connected", None, 2025): (
        "",
        "Decision 749/QĐ-TTg, target for 2025: 100% of reporting regimes connected to the Government's "
        "reporting information system. Read at moj.gov.vn (qt/tintuc, ItemID=3097).",
    ),
    ("digital-economy-gdp", None, 2025): (
        "",
        "Decision 749/QĐ-TTg, target for 2025: the digital economy at 20% of GDP. Read at vovworld.vn (item 867595).",
    ),
    ("digital-economy-sector-share", None, 2025): (
        "",
        "Decision 749/QĐ-TTg, target for 2025: the digital economy at least 10% of each sector. Read at "
        "vovworld.vn (item 867595).",
    ),
    ("egdi-rank", None, 2025): (
        "",
        "Decision 749/QĐ-TTg, target for 2025: Viet Nam among the top 70 of the UN E-Government Development "
        "Index (also read at thukyluat.vn). Read at moj.gov.vn (qt/tintuc, ItemID=3097).",
    ),
    ("egdi-rank", None, 2030): (
        "",
        "Decision 749/QĐ-TTg, orientation to 2030: Viet Nam among the top 50 of the UN E-Government "
        "Development Index (also read at thukyluat.vn). Read at moj.gov.vn (qt/tintuc, ItemID=3097).",
    ),
    ("agencies-online-24-7", None, 2025): (
        "",
        "Decision 942/QĐ-TTg, target for 2025: 100% of state agencies serving people and businesses online "
        "24/7. Read at lawnet.vn (new-documents notice, item 104274).",
    ),
    ("officials-digital-id", None, 2025): (
        "",
        "Decision 942/QĐ-TTg, target for 2025: 100% of civil servants and public employees holding a digital "
        "identifier. Read at lawnet.vn (new-documents notice, item 104274).",
    ),
    ("training-online", None, 2025): (
        "",
        "Decision 942/QĐ-TTg, target for 2025: at least 70% of training, refresher and promotion-exam content "
        "delivered online. Read at lawnet.vn (new-documents notice, item 104274).",
    ),
    ("records-electronic", None, 2025): (
        "",
        "Decision 942/QĐ-TTg, target for 2025: 100% of records created, kept and shared electronically. Read "
        "at lawnet.vn (new-documents notice, item 104274).",
    ),
}

DIRECTIVES = tuple(
    replace(r, title_en=DIRECTIVES_EN[r.slug][0], issuer_en=DIRECTIVES_EN[r.slug][1]) for r in DIRECTIVES
)
TASKS = tuple(replace(r, title_en=TASK_TITLES_EN[(r.directive, r.section, r.number)]) for r in TASKS)
INDICATORS = tuple(
    replace(
        r,
        unit_label_en=INDICATORS_EN[r.code][0],
        numerator_label_en=INDICATORS_EN[r.code][1],
        denominator_label_en=INDICATORS_EN[r.code][2],
        description_en=DESCRIPTIONS_EN[r.code],
    )
    for r in INDICATORS
)
TARGETS = tuple(
    replace(
        r,
        subject_en=TARGETS_EN[(r.indicator, r.province, r.deadline_year)][0],
        note_en=TARGETS_EN[(r.indicator, r.province, r.deadline_year)][1],
    )
    for r in TARGETS
)
