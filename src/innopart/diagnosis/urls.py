from django.urls import path

from . import views

app_name = "diagnosis"

urlpatterns = [
    path("diagnosis/", views.diagnosis_list, name="list"),
    path("diagnosis/new/", views.edit, name="new"),
    path("diagnosis/<slug:slug>/", views.detail, name="detail"),
    path("diagnosis/<slug:slug>/edit/", views.edit, name="edit"),
    path("diagnosis/<slug:slug>/publish/", views.publish, name="publish"),
    path("diagnosis/<slug:slug>/briefing/", views.briefing_html, name="briefing"),
    path("diagnosis/<slug:slug>/briefing.pdf", views.briefing_pdf, name="briefing_pdf"),
    path("diagnosis/<slug:slug>/<str:kind>/add/", views.part, name="add"),
    path("diagnosis/<slug:slug>/<str:kind>/<int:pk>/", views.part, name="part"),
    path("diagnosis/<slug:slug>/<str:kind>/<int:pk>/delete/", views.delete_part, name="delete"),
]
