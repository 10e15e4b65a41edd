from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.my_organisations, name="mine"),
    path("<int:pk>/edit/", views.edit_profile, name="edit"),
]
