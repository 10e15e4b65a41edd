from django.urls import path

from . import downloads, refresh_views, views

app_name = "observatory"

urlpatterns = [
    path("observatory/data/", views.catalogue, name="catalogue"),
    path("observatory/data/upload/", views.upload, name="upload"),
    path("observatory/data/indicators/<slug:code>/edit/", views.edit_indicator, name="edit_indicator"),
    path("observatory/data/eurostat/", refresh_views.refreshes, name="refreshes"),
    path("observatory/data/eurostat/<int:pk>/", refresh_views.refresh, name="refresh"),
    path("observatory/peers/new/", views.edit_peer_group, name="new_peer_group"),
    path("observatory/peers/<slug:slug>/", views.peer_group, name="peer_group"),
    path("observatory/peers/<slug:slug>/edit/", views.edit_peer_group, name="edit_peer_group"),
    path("observatory/peers/<slug:slug>/delete/", views.delete_group, name="delete_peer_group"),
    path("observatory/map/", views.region_map, name="map"),
    path("observatory/charts/<str:key>.<str:fmt>", downloads.chart, name="chart_download"),
    path("observatory/compare/", views.compare, name="compare"),
    path("observatory/industrial-change/", views.industrial_change, name="industrial_change"),
    path("observatory/industrial-change/edit/", views.edit_index, name="edit_index"),
    path("observatory/industrial-change/runs/<int:pk>/", views.index_run, name="index_run"),
    path("observatory/regions/<str:code>/", views.region, name="region"),
    path("observatory/regions/<str:code>/pdf/", views.region_pdf, name="region_pdf"),
]
