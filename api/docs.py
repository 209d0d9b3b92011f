"""The interactive documentation: Swagger UI from drf-spectacular-sidecar's static files, no CDN, no inline script.

drf-spectacular's split view serves its start-up script as a file of its own, so the page runs
under our Content-Security-Policy (script-src 'self'); our template drops the inline <style> too.
"""

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerDocs(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    title = "Theo dõi chỉ tiêu CNTT — API"
