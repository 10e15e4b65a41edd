from django.urls import path

from . import views

app_name = "observatory"

urlpatterns = [
    path("observatory/data/", views.catalogue, name="catalogue"),
    path("observatory/data/upload/", views.upload, name="upload"),
    path("observatory/peers/<slug:slug>/", views.peer_group, name="peer_group"),
    path("observatory/regions/<str:code>/", views.region, name="region"),
]
