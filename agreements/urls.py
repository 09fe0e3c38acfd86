from django.urls import path

from . import packet_views, signing_views, views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="agreement_list"),
    path("review/", views.review_queue, name="review_queue"),
    path("worksite/<uuid:uuid>/new/", views.agreement_create, name="agreement_create"),
    path(
        "worksite/<uuid:uuid>/evidence-packet/",
        packet_views.labor_dispute_packet,
        name="labor_dispute_packet",
    ),
    path("<uuid:uuid>/", views.agreement_detail, name="agreement"),
    path("<uuid:uuid>/edit/", views.agreement_edit, name="agreement_edit"),
    path("<uuid:uuid>/submit/", views.agreement_submit, name="agreement_submit"),
    path("<uuid:uuid>/approve/", views.agreement_approve, name="agreement_approve"),
    path("<uuid:uuid>/request-changes/", views.agreement_request_changes, name="agreement_request_changes"),
    path("<uuid:uuid>/pdf/", views.agreement_pdf, name="agreement_pdf"),
    path("<uuid:uuid>/executed.pdf", views.executed_pdf, name="executed_pdf"),
    path("<uuid:uuid>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("<uuid:uuid>/comment/", views.agreement_comment, name="agreement_comment"),
    path("<uuid:uuid>/terminate/", views.agreement_terminate, name="agreement_terminate"),
    path("<uuid:uuid>/breaches/new/", views.breach_create, name="breach_create"),
    path("breaches/", views.breach_list, name="breach_list"),
    path("breaches/<uuid:uuid>/", views.breach_detail, name="breach"),
    path("breaches/<uuid:uuid>/confirm/", views.breach_confirm, name="breach_confirm"),
    path("breaches/<uuid:uuid>/dismiss/", views.breach_dismiss, name="breach_dismiss"),
    path("breaches/<uuid:uuid>/status/", views.breach_status, name="breach_status"),
    path("breaches/<uuid:uuid>/cure-by/", views.breach_cure_by, name="breach_cure_by"),
    path("<uuid:uuid>/send/", signing_views.send_for_signature, name="send_for_signature"),
    path("signature/<uuid:uuid>/revoke/", signing_views.signature_revoke, name="signature_revoke"),
    path("signature/<uuid:uuid>/resend/", signing_views.signature_resend, name="signature_resend"),
    # Public: reached by the link in the signer's email, no account.
    path("sign/<str:token>/", signing_views.sign, name="sign"),
    path("sign/<str:token>/done/", signing_views.sign_done, name="sign_done"),
    path("sign/<str:token>/executed.pdf", signing_views.signer_executed_pdf, name="signer_executed_pdf"),
]
