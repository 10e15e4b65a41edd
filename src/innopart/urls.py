from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from .api import api

urlpatterns = [
    path("", include("innopart.core.urls")),
    path("", include("innopart.ops.urls")),
    path("", include("innopart.workspace.urls")),
    path("", include("innopart.calls.urls")),
    path("", include("innopart.applications.urls")),
    path("", include("innopart.evaluation.urls")),
    path("", include("innopart.observatory.urls")),
    path("", include("innopart.diagnosis.urls")),
    path("", include("innopart.matchmaking.urls")),
    path("", include("innopart.partnerships.urls")),
    path("accounts/", include("innopart.accounts.urls")),
    path("organisations/", include("innopart.organisations.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/", api.urls),
]
