from django.urls import path

from . import views

app_name = "calls"

urlpatterns = [
    path("calls/", views.public_list, name="list"),
    path("calls/<slug:slug>/", views.public_detail, name="detail"),
    path("manage/calls/", views.manage_list, name="manage_list"),
    path("manage/calls/new/", views.create, name="create"),
    path("manage/calls/<slug:slug>/", views.manage_detail, name="manage_detail"),
    path("manage/calls/<slug:slug>/edit/", views.edit, name="edit"),
    path("manage/calls/<slug:slug>/publish/", views.publish, name="publish"),
    path("manage/calls/<slug:slug>/correct/", views.correct, name="correct"),
]
