"""The page cache (dashboards/fragments.py) under the data generation (indicators/generation.py).

These tests commit for real (transactional tests, ``real_commits``): the generation moves in the
transaction of the change it covers (a rollback takes it back, no crash after the commit can lose it),
a page shows a change on the next request, and no page cached before a restore is served after it.
"""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from indicators import assessments, generation, workflow
from indicators.models import DataGeneration, Measurement, WorkflowStatus
from provinces.models import Membership
from tests.factories import logged_in, make_indicator, make_measurement, make_province, make_user, rebuilt

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.real_commits]


@pytest.fixture(params=["database", "shared cache"])
def mode(request, monkeypatch):
    """Both ways of reading the generation: the row (local-memory cache) and the shared cache's copy."""
    monkeypatch.setattr(generation, "in_shared_cache", lambda: request.param == "shared cache")
    cache.clear()
    return request.param


@pytest.fixture
def place():
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    indicator = make_indicator("computers")
    make_measurement(indicator, province, 2020, 10)
    rebuilt()
    return province, indicator


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        page(client, path)
    return len(captured)


def test_the_generation_moves_with_the_commit_of_its_change_and_a_rollback_takes_it_back(mode, place):
    province, indicator = place
    before = generation.current()

    with pytest.raises(RuntimeError), transaction.atomic():
        make_measurement(indicator, province, 2021, 11)
        generation.bump()
        raise RuntimeError("rolled back")
    assert generation.current() == before
    assert not Measurement.objects.filter(year=2021).exists()

    with transaction.atomic():
        make_measurement(indicator, province, 2021, 11)
        generation.bump()
    assert generation.current() != before
    assert generation.current() == generation.read_row().token


def test_an_approval_shows_on_the_next_request_and_not_a_rolled_back_one(mode, place):
    province, indicator = place
    approver = make_user(role=Membership.Role.APPROVER, provinces=[province])
    client = logged_in(approver)
    figure = make_measurement(indicator, province, 2024, "77.7", status=WorkflowStatus.SUBMITTED)
    path = "/provinces/phu-tho/"
    assert "77,7" not in page(client, path)
    cold = queries(client, path)  # served from the cache: fewer queries than when computed
    assert cold < 10

    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.approve(approver, Measurement.objects.get(pk=figure.pk))
        raise RuntimeError("the approval fails after writing")
    assert "77,7" not in page(client, path)

    with transaction.atomic():
        workflow.approve(approver, Measurement.objects.get(pk=figure.pk))
    assert "77,7" in page(client, path), "the approval is visible on the next request"


def test_a_lost_cached_generation_is_seeded_from_the_database_never_lower(monkeypatch, place):
    monkeypatch.setattr(generation, "in_shared_cache", lambda: True)
    generation.bump()
    seen = generation.current()
    cache.clear()  # a flush, an eviction or a restart of Redis
    assert generation.current() == seen == generation.read_row().token
    generation.bump()
    assert generation.current() == generation.read_row().token != seen


def approver_and_figure(province, indicator, value):
    approver = make_user(role=Membership.Role.APPROVER, provinces=[province])
    figure = make_measurement(indicator, province, 2024, value, status=WorkflowStatus.SUBMITTED)
    return approver, figure


def test_a_writer_that_dies_right_after_its_commit_leaves_no_stale_page(mode, place, monkeypatch):
    """Nothing the pages depend on waits for the commit: drop every on-commit callback, as a crash would."""
    province, indicator = place
    approver, figure = approver_and_figure(province, indicator, "66.6")
    client = logged_in(approver)
    path = "/provinces/phu-tho/"
    assert "66,6" not in page(client, path)  # cached, and (shared cache) the generation's copy seeded
    monkeypatch.setattr(transaction, "on_commit", lambda *args, **kwargs: None)
    with transaction.atomic():
        workflow.approve(approver, Measurement.objects.get(pk=figure.pk))
    assert "66,6" in page(client, path), "the next request shows the approval"


def test_no_page_cached_before_a_restore_is_served_after_it(place):
    """A restore puts back an older count; the epoch it renews keeps the pages of the numbers counted again away."""
    province, indicator = place
    client = logged_in(make_user(role=Membership.Role.VIEWER, provinces=[province]))
    approver, figure = approver_and_figure(province, indicator, "55.5")
    path = "/provinces/phu-tho/"
    backed_up = generation.read_row()  # what a backup taken now holds
    workflow.approve(approver, Measurement.objects.get(pk=figure.pk))
    assert "55,5" in page(client, path)  # cached under the count after the approval

    def restore(renew):
        Measurement.objects.filter(pk=figure.pk).update(status=WorkflowStatus.SUBMITTED)  # the backup's data
        restored = DataGeneration.objects.filter(pk=1).update(value=backed_up.value, epoch=backed_up.epoch)
        assert restored
        assessments.rebuild()
        if renew:
            generation.renew_epoch()

    restore(renew=False)
    generation.bump()  # the next change after the restore counts to the number the approval had
    assert "55,5" in page(client, path), "without a new epoch the page from before the restore comes back"

    Measurement.objects.filter(pk=figure.pk).update(status=WorkflowStatus.APPROVED)
    restore(renew=True)
    generation.bump()
    assert "55,5" not in page(client, path), "the restored data, not the page cached before the restore"


def test_pages_of_two_permission_scopes_never_share_their_links(place):
    """The report link (``may "report"``) and the province a page opens on follow the user's roles."""
    province, indicator = place
    other = make_province(name="Tỉnh Lào Cai", slug="lao-cai")
    make_measurement(indicator, other, 2020, 20)
    ours = logged_in(make_user(role=Membership.Role.VIEWER, provinces=[province]))
    theirs = logged_in(make_user(role=Membership.Role.VIEWER, provinces=[other]))
    colleague = logged_in(make_user(role=Membership.Role.VIEWER, provinces=[province]))
    report_link = "/reports/phu-tho/2020.xlsx"

    assert report_link in page(ours, "/provinces/phu-tho/")
    assert report_link not in page(theirs, "/provinces/phu-tho/"), "Lào Cai's viewer may not download it"
    assert report_link in page(colleague, "/provinces/phu-tho/"), "the same scope shares the cached page"
    assert queries(colleague, "/provinces/phu-tho/") < queries(theirs, "/provinces/phu-tho/?year=2020")

    # The overview opens on each user's own province.
    assert 'name="province"' in page(ours, "/")
    assert '<option value="phu-tho" selected>' in page(ours, "/")
    assert '<option value="lao-cai" selected>' in page(theirs, "/")
    assert '<option value="phu-tho" selected>' not in page(theirs, "/")


def test_a_cached_page_keeps_the_requests_own_csrf_token_and_header(place):
    province, _indicator = place
    first = logged_in(make_user("first", role=Membership.Role.VIEWER, provinces=[province]))
    second = logged_in(make_user("second", role=Membership.Role.VIEWER, provinces=[province]))
    page(first, "/provinces/phu-tho/")
    response = second.get("/provinces/phu-tho/")
    html = response.content.decode()
    assert "second" in html and "first" not in html, "the header names who is signed in"
    token = response.context["csrf_token"] if response.context else None
    assert 'name="csrfmiddlewaretoken"' in html
    assert token is None or str(token) in html


def test_a_cache_local_to_each_process_never_holds_the_generation(settings):
    """Another gunicorn worker would never see this process's copy: the row answers instead."""
    assert not generation.in_shared_cache()  # the tests' LocMemCache
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }
    assert generation.in_shared_cache()


def test_a_fragment_is_cached_only_once_the_request_has_pinned_its_generation(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    from dashboards import fragments

    renders = []
    template = Template('{% load fragment_tags %}{% cachedfragment "part" who %}{{ count }}{% endcachedfragment %}')

    def render(request, who="a"):
        renders.append(who)
        return template.render(Context({"request": request, "who": who, "count": len(renders)}))

    request = rf.get("/?year=2020")
    request.user = AnonymousUser()
    assert (render(request), render(request)) == ("1", "2"), "read after the data: never cached"
    fragments.pin(request)
    assert (render(request), render(request)) == ("3", "3")
    assert render(request, who="b") == "5", "an explicit vary value is part of the key"
    other = rf.get("/?year=2021")
    other.user = AnonymousUser()
    fragments.pin(other)
    assert render(other) == "6", "so are the query parameters"
