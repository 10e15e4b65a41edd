from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("manage/calls/<slug:slug>/jury/", views.manage_jury, name="manage_jury"),
    path("manage/calls/<slug:slug>/jury/panels/<int:pk>/", views.panel_run, name="panel_run"),
    path("manage/calls/<slug:slug>/jury/start/", views.start_scoring, name="start_scoring"),
    path("manage/calls/<slug:slug>/ranking/", views.ranking, name="ranking"),
    path("manage/calls/<slug:slug>/ranking/uncertainty/", views.ranking_uncertainty, name="ranking_uncertainty"),
    path("manage/calls/<slug:slug>/publish-results/", views.publish, name="publish"),
    path("manage/calls/<slug:slug>/letters/", views.request_letters, name="request_letters"),
    path("manage/calls/<slug:slug>/letters/<int:pk>/", views.letter_batch, name="letter_batch"),
    path("manage/calls/<slug:slug>/letters/<int:pk>/letters.zip", views.letters_zip, name="letters_zip"),
    path("jury/", views.jury_home, name="jury_home"),
    path("jury/<slug:slug>/", views.jury_call, name="jury_call"),
    path("jury/<slug:slug>/advance/", views.chair_advance, name="chair_advance"),
    path("jury/<slug:slug>/rulings/<int:pk>/", views.rule, name="rule"),
    path("jury/<slug:slug>/panels/", views.override, name="override"),
    path("jury/<slug:slug>/applications/<int:pk>/", views.jury_application, name="jury_application"),
    path("jury/<slug:slug>/applications/<int:pk>/ask/", views.ask, name="ask"),
    path("jury/<slug:slug>/applications/<int:pk>/revise/", views.revise, name="revise"),
    path("jury/<slug:slug>/applications/<int:pk>/consensus/<slug:criterion>/", views.consensus, name="consensus"),
    path("applications/<int:pk>/questions/", views.questions, name="questions"),
    path("applications/<int:pk>/decision/", views.decision_letter, name="letter"),
    path("applications/<int:pk>/decision.pdf", views.decision_letter_pdf, name="letter_pdf"),
    path("calls/<slug:slug>/results/", views.results, name="results"),
]
