from django.urls import path

from . import views

app_name = "matchmaking"

urlpatterns = [
    path("applications/<int:pk>/find-partners/", views.find_partners, name="find_partners"),
]
