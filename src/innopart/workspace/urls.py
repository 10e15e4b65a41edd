from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("start/", views.start, name="start"),
]
