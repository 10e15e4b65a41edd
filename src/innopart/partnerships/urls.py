from django.urls import path

from . import monitoring_views, plan_views, programme_views, public_views, views

app_name = "partnerships"

urlpatterns = [
    path("partnerships/", views.partnership_list, name="list"),
    path("partnerships/prepare/<int:application_pk>/", views.prepare, name="prepare"),
    path("partnerships/<int:pk>/", views.detail, name="detail"),
    path("partnerships/<int:pk>/agreement/", views.agreement, name="agreement"),
    path("partnerships/<int:pk>/agreement/<int:number>/sign/", views.sign, name="sign"),
    path("partnerships/<int:pk>/agreement/<int:number>.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("partnerships/<int:pk>/milestones/<int:milestone_pk>/", monitoring_views.milestone, name="milestone"),
    path("partnerships/<int:pk>/evidence/<str:kind>/<int:item_pk>/", monitoring_views.evidence, name="evidence"),
    path("partnerships/<int:pk>/reports/<int:year>/", monitoring_views.report, name="report"),
    path("partnerships/<int:pk>/kpis/", monitoring_views.kpis, name="kpis"),
    path("partnerships/<int:pk>/kpis.<str:fmt>", programme_views.export_kpis, name="export_kpis"),
    path("partnerships/<int:pk>/projection/", monitoring_views.projection, name="projection"),
    path("partnerships/<int:pk>/tranches/<int:tranche_pk>/pay/", views.pay, name="pay"),
    path("partnerships/<int:pk>/plans/", plan_views.plans, name="plans"),
    path("partnerships/<int:pk>/plans/<str:kind>/<int:item_pk>/status/", plan_views.edit_status, name="status"),
    path("programme/", programme_views.programme, name="programme"),
    path("funded-partnerships/", public_views.funded, name="funded"),
    path("funded-partnerships/<int:pk>/", public_views.public_detail, name="public"),
    path("programme/roadmap/<int:pk>/", programme_views.roadmap_item, name="roadmap_item"),
    path("programme/portfolio.<str:fmt>", programme_views.export_portfolio, name="export_portfolio"),
    path("programme/payments.<str:fmt>", programme_views.export_payments, name="export_payments"),
]
