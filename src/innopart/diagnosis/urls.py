from django.urls import path

from . import stress_views, views

app_name = "diagnosis"

urlpatterns = [
    path("stress-test/", stress_views.overview, name="stress_overview"),
    path("stress-test/compare/", stress_views.compare, name="stress_compare"),
    path("stress-test/questions/", stress_views.questions, name="stress_questions"),
    path("stress-test/questions/new/", stress_views.question, name="stress_question_new"),
    path("stress-test/questions/<int:pk>/", stress_views.question, name="stress_question"),
    path("stress-test/<int:pk>/", stress_views.assessment, name="stress_assessment"),
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
