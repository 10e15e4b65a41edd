from django.urls import path

from . import advice_views, event_views, views

app_name = "matchmaking"

urlpatterns = [
    path("applications/<int:pk>/find-partners/", views.find_partners, name="find_partners"),
    path("calls/<slug:slug>/questions/", views.call_questions, name="call_questions"),
    path("manage/calls/<slug:slug>/questions/", views.manage_questions, name="manage_questions"),
    path("partners/posts/", views.posts, name="posts"),
    path("contacts/", views.contacts, name="contacts"),
    path("contacts/new/", views.contact_new, name="contact_new"),
    path("contacts/<int:pk>/answer/", views.answer, name="answer"),
    path("applications/<int:pk>/advice/", advice_views.applicant_advice, name="applicant_advice"),
    path("applications/<int:pk>/advice/<int:comment>/resolve/", advice_views.resolve, name="resolve"),
    path("advice/", advice_views.adviser_home, name="adviser_home"),
    path("advice/<int:pk>/", advice_views.adviser_application, name="adviser_application"),
    path("events/", event_views.event_list, name="events"),
    path("events/<int:pk>/", event_views.event, name="event"),
    path("events/<int:pk>/request/", event_views.request_meeting, name="request_meeting"),
    path("events/<int:pk>/plan/", event_views.plan, name="plan"),
    path("events/<int:pk>/calendar/<int:registration>.ics", event_views.calendar, name="calendar"),
    path("events/<int:pk>/schedule/<int:registration>.pdf", event_views.schedule_pdf, name="schedule_pdf"),
]
