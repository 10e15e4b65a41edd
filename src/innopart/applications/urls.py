from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("applications/", views.dashboard, name="dashboard"),
    path("calls/<slug:slug>/apply/", views.start, name="start"),
    path("applications/<int:pk>/", views.detail, name="detail"),
    path("applications/<int:pk>/details/", views.edit_details, name="edit_details"),
    path("applications/<int:pk>/sections/<slug:kind>/", views.edit_section, name="section"),
    path("applications/<int:pk>/partners/", views.partners, name="partners"),
    path("applications/<int:pk>/partners/preview/", views.eligibility_preview, name="eligibility_preview"),
    path("applications/<int:pk>/partners/<int:partner_pk>/", views.edit_partner, name="edit_partner"),
    path("applications/<int:pk>/partners/<int:partner_pk>/remove/", views.remove_partner, name="remove_partner"),
    path("applications/<int:pk>/partners/<int:partner_pk>/letter.pdf", views.letter, name="letter"),
    path("applications/<int:pk>/plan/", views.plan, name="plan"),
    path("applications/<int:pk>/submit/", views.submit, name="submit"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<int:pk>/versions/<int:number>/", views.snapshot, name="snapshot"),
    path("manage/calls/<slug:slug>/applications/", views.ministry_list, name="ministry_list"),
]
