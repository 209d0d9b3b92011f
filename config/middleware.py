from django.conf import settings


class VietnameseByDefaultMiddleware:
    """Vietnamese unless the user picked another language with the switch in the header.

    Django would otherwise follow the browser's Accept-Language, and an official's browser set
    to English would open a Vietnamese government product in English. Sits before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            request.META["HTTP_ACCEPT_LANGUAGE"] = settings.LANGUAGE_CODE
        return self.get_response(request)
