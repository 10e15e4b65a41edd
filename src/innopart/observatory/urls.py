from django.urls import path

from . import views

app_name = "observatory"

urlpatterns = [path("observatory/data/", views.catalogue, name="catalogue")]
