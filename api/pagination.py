from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """``?page=2``, ``?page_size=500`` (at most 1000); CSV is never paginated (``views.ListEndpoint``)."""

    page_size_query_param = "page_size"
    max_page_size = 1000
