from django.urls import path

from . import chronology_views, import_views, packet_views, views

app_name = "cases"
urlpatterns = [
    path("", views.worksite_list, name="worksite_list"),
    path("new/", views.worksite_create, name="worksite_create"),
    path("<uuid:uuid>/", views.worksite_detail, name="worksite"),
    path("<uuid:uuid>/edit/", views.worksite_edit, name="worksite_edit"),
    path("<uuid:uuid>/stage/", views.stage_add, name="stage_add"),
    path("<uuid:uuid>/stages/<int:pk>/", views.stage_edit, name="stage_edit"),
    path("<uuid:uuid>/stages/<int:pk>/remove/", views.stage_remove, name="stage_remove"),
    path("<uuid:uuid>/contacts/", views.contact_list, name="contact_list"),
    path("<uuid:uuid>/contacts/new/", views.contact_create, name="contact_create"),
    path("<uuid:uuid>/incidents/new/", views.incident_create, name="incident_create"),
    path("<uuid:uuid>/filings/new/", views.filing_create, name="filing_create"),
    path("<uuid:uuid>/activities/new/", views.activity_create, name="activity_create"),
    path("<uuid:uuid>/chronology/", chronology_views.chronology_view, name="chronology"),
    path("<uuid:uuid>/chronology/pdf/", chronology_views.chronology_pdf, name="chronology_pdf"),
    path("contacts/<uuid:uuid>/edit/", views.contact_edit, name="contact_edit"),
    path("filings/<uuid:uuid>/edit/", views.filing_edit, name="filing_edit"),
    path("incidents/", views.incident_list, name="incident_list"),
    path("incidents/log/", views.incident_log, name="incident_log"),
    path("incidents/<uuid:uuid>/", views.incident_detail, name="incident"),
    path("incidents/<uuid:uuid>/edit/", views.incident_edit, name="incident_edit"),
    path("incidents/<uuid:uuid>/evidence/", views.evidence_add, name="evidence_add"),
    path("incidents/<uuid:uuid>/refer/", views.referral_create, name="referral_create"),
    path("evidence/<uuid:uuid>/", views.evidence_detail, name="evidence"),
    path(
        "evidence/<uuid:uuid>/original/",
        views.evidence_file,
        {"variant": "original"},
        name="evidence_original",
    ),
    path("evidence/<uuid:uuid>/shown/", views.evidence_file, {"variant": "shown"}, name="evidence_shown"),
    path("evidence/<uuid:uuid>/packet/", packet_views.evidence_to_packet, name="evidence_packet"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/<uuid:uuid>/", views.referral_detail, name="referral"),
    path("referrals/<uuid:uuid>/status/", views.referral_status, name="referral_status"),
    path("import/", import_views.import_upload, name="import_upload"),
    path("import/<uuid:uuid>/", import_views.import_preview, name="import_preview"),
    path("export.csv", import_views.export_csv, name="export_csv"),
]
