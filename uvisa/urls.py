from django.urls import path

from . import packet_views, report_views, views

app_name = "uvisa"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("referrals/<uuid:uuid>/open/", views.case_open, name="case_open"),
    path("<uuid:uuid>/", views.case_detail, name="case"),
    path("<uuid:uuid>/assign/", views.case_assign, name="case_assign"),
    path("<uuid:uuid>/intake/<slug:step>/", views.intake, name="intake"),
    path("<uuid:uuid>/screening/", views.screening, name="screening"),
    path("<uuid:uuid>/screening/activities/", views.activity_add, name="activity_add"),
    path("<uuid:uuid>/screening/activities/remove/", views.activity_remove, name="activity_remove"),
    path("<uuid:uuid>/family/remove/", views.family_remove, name="family_remove"),
    path("<uuid:uuid>/requests/new/", views.request_create, name="request_create"),
    path("<uuid:uuid>/petitions/new/", views.petition_create, name="petition_create"),
    path("petitions/<uuid:uuid>/", views.petition_detail, name="petition"),
    path("requests/<uuid:uuid>/", views.request_detail, name="request"),
    path("requests/<uuid:uuid>/send/", views.request_send, name="request_send"),
    path("requests/<uuid:uuid>/outcome/", views.request_outcome, name="request_outcome"),
    path("requests/<uuid:uuid>/original/", views.request_original, name="request_original"),
    path("requests/<uuid:uuid>/followups/", views.followup_add, name="followup_add"),
    path("followups/<uuid:uuid>/done/", views.followup_done, name="followup_done"),
    path("<uuid:uuid>/declaration/", packet_views.declaration, name="declaration"),
    path("<uuid:uuid>/victim-information/", packet_views.victim_information, name="victim_information"),
    path("<uuid:uuid>/filing-checklist/", packet_views.filing_checklist, name="filing_checklist"),
    path("requests/<uuid:uuid>/packet/", packet_views.request_packet, name="request_packet"),
    path("<uuid:uuid>/close/", report_views.case_close, name="case_close"),
    path("<uuid:uuid>/hold/", report_views.case_hold, name="case_hold"),
    path("reports/agencies/", report_views.agency_report, name="agency_report"),
    path("reports/eligibility/", report_views.eligibility_report, name="eligibility_report"),
    path("inventory/", report_views.person_inventory, name="inventory"),
]
