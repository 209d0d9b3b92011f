"""The OpenAPI schema validates, and a property-based run (schemathesis) against it finds no server error."""

import json
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings

from tests.api_helpers import build_world, rolled_back, token_for

EXAMPLES = 6  # per operation: eight operations, well under a minute on a loaded 2-core machine


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        world = build_world()
        world["token"], world["text"] = token_for("phutho-editor", "phu-tho")
        yield world


def generated_schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_validates_and_is_served(db):
    schema = generated_schema()
    validate_schema(schema)
    served = Client().get("/api/v1/schema/?format=json")
    assert served.status_code == 200
    assert set(json.loads(served.content)["paths"]) == set(schema["paths"])
    assert "/api/v1/units/{slug}/years/{year}/figures/" in schema["paths"]


def test_the_schema_documents_the_token_and_both_languages(db):
    schema = generated_schema()
    assert schema["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"
    description = schema["info"]["description"]
    assert "Dữ liệu mở" in description and "Open data" in description


def request(client, case):
    """Send a generated case through Django's test client (the test's own database and transaction)."""
    path = case.formatted_path
    query = urlencode(case.query or {}, doseq=True)
    headers = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (case.headers or {}).items() if k.isascii()}
    target = f"{path}?{query}" if query else path
    if case.method.upper() == "POST":
        body = json.dumps(case.body, default=str) if case.body is not None else ""
        return client.post(target, body, content_type="application/json", **headers)
    return client.generic(case.method.upper(), target, **headers)


def test_no_generated_request_gets_a_server_error(world, db):
    schema = schemathesis.openapi.from_dict(generated_schema())
    client = Client(HTTP_AUTHORIZATION=f"Token {world['text']}", raise_request_exception=False)
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 8, "five lists, a unit's figures (GET and POST), the report"

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            response = request(client, case)
            if response.status_code >= 500:
                failures.append((case.method, case.formatted_path, case.query, response.status_code))

        run()
    assert failures == []
