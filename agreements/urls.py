from django.urls import path

from . import signing_views, views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="agreement_list"),
    path("review/", views.review_queue, name="review_queue"),
    path("worksite/<uuid:uuid>/new/", views.agreement_create, name="agreement_create"),
    path("<uuid:uuid>/", views.agreement_detail, name="agreement"),
    path("<uuid:uuid>/edit/", views.agreement_edit, name="agreement_edit"),
    path("<uuid:uuid>/submit/", views.agreement_submit, name="agreement_submit"),
    path("<uuid:uuid>/approve/", views.agreement_approve, name="agreement_approve"),
    path("<uuid:uuid>/request-changes/", views.agreement_request_changes, name="agreement_request_changes"),
    path("<uuid:uuid>/send/", signing_views.send_for_signature, name="send_for_signature"),
    path("<uuid:uuid>/executed.pdf", signing_views.executed_pdf, name="executed_pdf"),
    path("<uuid:uuid>/certificate.pdf", signing_views.certificate_pdf, name="certificate_pdf"),
    path("signature/<uuid:uuid>/revoke/", signing_views.signature_revoke, name="signature_revoke"),
    path("signature/<uuid:uuid>/resend/", signing_views.signature_resend, name="signature_resend"),
    # Public: reached by the link in the signer's email, no account.
    path("sign/<str:token>/", signing_views.sign, name="sign"),
    path("sign/<str:token>/done/", signing_views.sign_done, name="sign_done"),
    path("sign/<str:token>/executed.pdf", signing_views.signer_executed_pdf, name="signer_executed_pdf"),
]
